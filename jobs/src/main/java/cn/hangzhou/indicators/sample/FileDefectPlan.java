package cn.hangzhou.indicators.sample;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Which files of the first generated year carry a file-level defect, chosen so that no data are lost overall. */
final class FileDefectPlan {

    /** Kinds whose complete file is written to {@code _redelivery/} and a damaged one (or none) to the landing. */
    static final Set<DefectKind> DAMAGED_IN_LANDING = EnumSet.of(DefectKind.HEADER_ONLY_FILE, DefectKind.EMPTY_FILE,
            DefectKind.TRUNCATED_GZIP, DefectKind.CORRUPT_GZIP, DefectKind.PARTIAL_EXPORT, DefectKind.LATE_FILE);

    private final Map<String, DefectKind> byFile = new LinkedHashMap<>();

    FileDefectPlan(int year, boolean enabled) {
        if (!enabled) {
            return;
        }
        byFile.put("health/deaths/deaths_" + year + "02.csv", DefectKind.HEADER_ONLY_FILE);
        byFile.put("health/child_checkups/child_checkups_" + year + "03.csv", DefectKind.EMPTY_FILE);
        byFile.put("health/elderly_checkups/elderly_checkups_" + year + "04.csv", DefectKind.WRONG_ENCODING_GBK_FOR_UTF8);
        byFile.put("assistance/payments/payments_" + year + "05.csv", DefectKind.TRUNCATED_GZIP);
        byFile.put("health/elderly_checkups/elderly_checkups_" + year + "06.csv", DefectKind.CORRUPT_GZIP);
        byFile.put("assistance/payments/payments_" + year + "07.csv", DefectKind.PARTIAL_EXPORT);
        byFile.put("assistance/payments/payments_" + year + "08.csv", DefectKind.EXTRA_COLUMN);
        byFile.put("assistance/payments/payments_" + year + "09.csv", DefectKind.MISSING_HEADER);
        byFile.put("health/deaths/deaths_" + year + "08.csv", DefectKind.DUPLICATE_REDELIVERY);
        byFile.put("health/deaths/deaths_" + year + "09.csv", DefectKind.LATE_FILE);
        byFile.put("education/schools/schools_" + year + ".csv", DefectKind.REORDERED_HEADER);
        byFile.put("insurance/enrolments/enrolments_" + year + "_330127.txt", DefectKind.WRONG_ENCODING_UTF8_FOR_GBK);
    }

    /** The file-level defect of a file (path relative to the landing, without {@code .gz}), or null. */
    DefectKind kind(String relativePath) {
        return byFile.get(relativePath);
    }

    /** Whether the file must be gzip-compressed (gzip defects), must not be (text rewrites), or either (null). */
    Boolean gzip(String relativePath) {
        DefectKind kind = kind(relativePath);
        if (kind == null) {
            return null;
        }
        return kind == DefectKind.TRUNCATED_GZIP || kind == DefectKind.CORRUPT_GZIP;
    }
}
