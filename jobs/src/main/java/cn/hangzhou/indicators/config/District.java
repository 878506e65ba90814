package cn.hangzhou.indicators.config;

/** A county-level division of Hangzhou from {@code reference/districts.csv}. */
public record District(String code, String nameZh, String nameEn, String kind, String assistanceTier, long census2020Population) {

    /** The code under which city-wide values are reported. */
    public static final String CITY_CODE = "330100";

    public District {
        ConfigurationException.require(code != null && code.matches("\\d{6}"), "district code '" + code + "' is not 6 digits",
                "correct reference/districts.csv");
        ConfigurationException.require(census2020Population > 0, "district " + code + " has no census population",
                "correct reference/districts.csv");
    }
}
