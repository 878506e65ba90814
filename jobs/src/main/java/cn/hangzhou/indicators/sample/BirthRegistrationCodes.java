package cn.hangzhou.indicators.sample;

import java.util.List;

/** Birth-registration codes for ID numbers: often retired Hangzhou codes or other provinces', not the residence. */
final class BirthRegistrationCodes {

    /** Hangzhou codes first (current and retired), then a handful of other places people come from. */
    static final List<String> CODES = List.of(
            "330102", "330103", "330104", "330105", "330106", "330108", "330109", "330110", "330111", "330112",
            "330113", "330114", "330122", "330127", "330182", "330183", "330185",
            "330302", "330602", "340102", "341221", "360102", "362301", "410102", "411302", "420102", "430102",
            "510104", "522601", "320102", "350102", "610102");

    static final int HANGZHOU_CODES = 17;

    private BirthRegistrationCodes() {
    }

    /** Index into {@link #CODES} of the "home" code of a district for someone born in a given year. */
    static int homeCode(String districtCode, int birthYear, double draw) {
        String code = switch (districtCode) {
            case "330102" -> birthYear < 2021 && draw < 0.4 ? "330104" : "330102";
            case "330105" -> birthYear < 2021 && draw < 0.5 ? "330103" : "330105";
            case "330113" -> birthYear < 2021 ? "330110" : "330113";
            case "330114" -> birthYear < 2021 ? (draw < 0.6 ? "330104" : "330109") : "330114";
            case "330111" -> birthYear < 2015 ? "330183" : "330111";
            case "330112" -> birthYear < 2017 ? "330185" : "330112";
            default -> districtCode;
        };
        int index = CODES.indexOf(code);
        return index < 0 ? 0 : index;
    }

    /** A code for a person: local residents mostly their district's home code, others mostly another province. */
    static int choose(String districtCode, int birthYear, boolean localRegistration, double first, double second) {
        if (localRegistration) {
            return first < 0.8 ? homeCode(districtCode, birthYear, second) : (int) (second * HANGZHOU_CODES);
        }
        return first < 0.15 ? (int) (second * HANGZHOU_CODES)
                : HANGZHOU_CODES + (int) (second * (CODES.size() - HANGZHOU_CODES));
    }
}
