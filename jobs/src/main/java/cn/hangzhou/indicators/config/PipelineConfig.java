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

    /**
     * The named profile, or the default one when {@code name} is null, with its references to environment variables
     * expanded from the process's environment.
     */
    public Profile profile(String name) {
        return profile(name, System::getenv);
    }

    /** The named profile (the default one when null) with its references expanded from {@code environment}. */
    public Profile profile(String name, java.util.function.Function<String, String> environment) {
        String chosen = name == null ? defaultProfile : name;
        Profile profile = profiles.get(chosen);
        if (profile == null) {
            throw new ConfigurationException("unknown profile '" + chosen + "'",
                    "use --profile with one of " + new TreeMap<>(profiles).keySet());
        }
        try {
            return profile.withEnvironment(environment);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("profile '" + chosen + "': " + e.getMessage(), null, e);
        }
    }
}
