package cn.hangzhou.indicators.quality;

import cn.hangzhou.indicators.config.ConfigurationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of one extract ({@code conf/quality/<extract>.yaml}) and its rejection threshold. */
public record QualityRuleSet(String extract, RejectionThreshold rejection, List<QualityRule> rules) {

    public QualityRuleSet {
        ConfigurationException.require(extract != null && extract.matches("[a-z_]+"), "quality rules name extract '" + extract + "'",
                "use the extract's name, e.g. extract: deaths");
        rejection = rejection == null ? RejectionThreshold.DEFAULT : rejection;
        ConfigurationException.require(rules != null && !rules.isEmpty(), "quality rules of " + extract + " list no rules", "add rules:");
        rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (QualityRule rule : rules) {
            ConfigurationException.require(names.add(rule.name()), "quality rules of " + extract + " name rule " + rule.name() + " twice",
                    "give every rule its own name");
        }
    }

    public List<QualityRule> rowRules() {
        return rules.stream().filter(rule -> rule.kind().rowLevel()).toList();
    }

    /** The rules Deequ checks on whole deliveries. */
    public List<QualityRule> datasetRules() {
        return rules.stream().filter(rule -> !rule.kind().rowLevel() && !rule.kind().ingestLevel()).toList();
    }

    /** The rules on what ingest recorded of a delivery in the manifest. */
    public List<QualityRule> ingestRules() {
        return rules.stream().filter(rule -> rule.kind().ingestLevel()).toList();
    }
}
