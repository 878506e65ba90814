package cn.hangzhou.indicators.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** {@code conf/pipeline.yaml}: named profiles and which one is the default. */
public record PipelineConfig(String defaultProfile, Map<String, Profile> profiles) {

    public PipelineConfig {
        ConfigurationException.require(profiles != null && !profiles.isEmpty(), "pipeline configuration has no profiles",
                "add profiles: {local: {...}}");
        profiles = Map.copyOf(profiles);
        defaultProfile = defaultProfile == null ? "local" : defaultProfile;
        ConfigurationException.require(profiles.containsKey(defaultProfile),
                "default_profile '" + defaultProfile + "' is not among the profiles " + new TreeMap<>(profiles).keySet(),
                "set default_profile to one of them");
    }

    public static PipelineConfig load(Path file) {
        return YamlLoader.load(file, PipelineConfig.class);
    }

    /** The named profile, or the default one when {@code name} is null. */
    public Profile profile(String name) {
        String chosen = name == null ? defaultProfile : name;
        Profile profile = profiles.get(chosen);
        if (profile == null) {
            throw new ConfigurationException("unknown profile '" + chosen + "'",
                    "use --profile with one of " + new TreeMap<>(profiles).keySet());
        }
        return profile;
    }
}
