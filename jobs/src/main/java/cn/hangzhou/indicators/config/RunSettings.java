package cn.hangzhou.indicators.config;

import java.nio.file.Path;

/**
 * Everything a command needs to know about where it runs, resolved once from {@code conf/pipeline.yaml},
 * the chosen profile and the command-line overrides.
 */
public record RunSettings(Path projectHome, String profileName, Profile profile, String landing, String warehouse,
                          SchemaCatalog schemas, ReferenceData reference) {

    public RunSettings {
        ConfigurationException.require(landing != null && !landing.isBlank(), "no landing location", "pass --landing DIR|URI");
        ConfigurationException.require(warehouse != null && !warehouse.isBlank(), "no warehouse location", "pass --warehouse DIR|URI");
        landing = absolute(landing);
        warehouse = absolute(warehouse);
    }

    /** Loads configuration, schemas and reference data; null overrides keep the profile's values. */
    public static RunSettings resolve(Path projectHome, Path configFile, String profileName, String landingOverride,
                                      String warehouseOverride) {
        PipelineConfig config = PipelineConfig.load(configFile);
        Profile profile = config.profile(profileName);
        String chosenProfile = profileName == null ? config.defaultProfile() : profileName;
        return new RunSettings(projectHome, chosenProfile, profile,
                landingOverride != null ? landingOverride : profile.landing(),
                warehouseOverride != null ? warehouseOverride : profile.warehouse(),
                SchemaCatalog.load(ProjectHome.schemas(projectHome)),
                ReferenceData.load(ProjectHome.reference(projectHome)));
    }

    /** Local paths become absolute; URIs with a scheme ({@code s3a://}, {@code file:}) are kept as given. */
    private static String absolute(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
            return location;
        }
        String expanded = location.startsWith("~/") ? System.getProperty("user.home") + location.substring(1) : location;
        return Path.of(expanded).toAbsolutePath().normalize().toString();
    }

    public boolean isLocal(String location) {
        return !location.contains("://") || location.startsWith("file:");
    }
}
