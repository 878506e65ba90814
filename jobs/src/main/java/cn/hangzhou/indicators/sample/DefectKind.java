package cn.hangzhou.indicators.sample;

import java.util.Locale;

/** The defects of the contract's "What real deliveries contain", as named in {@code _generator/defects.jsonl}. */
enum DefectKind {
    WRONG_FIELD_COUNT(Family.STRUCTURE),
    UNBALANCED_QUOTE(Family.STRUCTURE),
    EMBEDDED_NEWLINE(Family.STRUCTURE),
    ID_BAD_CHECK_CHARACTER(Family.IDENTITY),
    ID_WRONG_LENGTH(Family.IDENTITY),
    ID_LOWER_CASE_X(Family.IDENTITY),
    ID_SURROUNDING_SPACES(Family.IDENTITY),
    IMPOSSIBLE_DATE(Family.DATE),
    OUT_OF_PERIOD_DATE(Family.DATE),
    DEATH_BEFORE_BIRTH(Family.DATE),
    UNKNOWN_DISTRICT_CODE(Family.CODE),
    UNKNOWN_SCHOOL_CODE(Family.CODE),
    UNKNOWN_SCHEME_CODE(Family.CODE),
    UNKNOWN_PROGRAMME_CODE(Family.CODE),
    NEGATIVE_CAPACITY(Family.VALUE),
    ABSURD_AMOUNT(Family.VALUE),
    DUPLICATE_ROW(Family.DUPLICATE),
    DUPLICATE_RECORD_ID_ACROSS_DELIVERIES(Family.DUPLICATE),
    HEADER_ONLY_FILE(Family.FILE),
    EMPTY_FILE(Family.FILE),
    MISSING_HEADER(Family.FILE),
    REORDERED_HEADER(Family.FILE),
    EXTRA_COLUMN(Family.FILE),
    WRONG_ENCODING_GBK_FOR_UTF8(Family.FILE),
    WRONG_ENCODING_UTF8_FOR_GBK(Family.FILE),
    TRUNCATED_GZIP(Family.FILE),
    CORRUPT_GZIP(Family.FILE),
    PARTIAL_EXPORT(Family.FILE),
    DUPLICATE_REDELIVERY(Family.FILE),
    CORRECTED_REDELIVERY(Family.FILE),
    LATE_FILE(Family.FILE);

    /** Row defects are drawn per family: at most one kind of a family per row. */
    enum Family { STRUCTURE, IDENTITY, DATE, CODE, VALUE, DUPLICATE, FILE }

    private final Family family;

    DefectKind(Family family) {
        this.family = family;
    }

    Family family() {
        return family;
    }

    boolean rowLevel() {
        return family != Family.FILE;
    }

    /** The name in the manifest, e.g. {@code id_lower_case_x}. */
    String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
