package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.District;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a reader of the published table can derive, computed independently of {@link SecondarySuppression}: for
 * every withheld value with a small count, whether linear combinations of the published cells determine that count
 * exactly. The reader knows that a city is the sum of its districts (numerators, denominators) and, from the
 * definitions, which indicators share a denominator. A count x_v among the withheld unknowns W is determined exactly
 * when rank(A_W) = rank(A_W without v) + 1 (no solution of the homogeneous system moves x_v).
 */
final class PublishedTableAudit {

    record Exposure(String indicatorId, String districtCode, int year, String quantity) {
    }

    private PublishedTableAudit() {
    }

    /**
     * @param published    the published rows (withheld ones have no numbers)
     * @param unsuppressed the restricted values behind them: which counts are small, which denominators are shared
     */
    static List<Exposure> exposures(List<PublishedIndicator> published, List<IndicatorValue> unsuppressed, IndicatorCatalogue catalogue) {
        Map<String, IndicatorValue> truth = new HashMap<>();
        unsuppressed.forEach(value -> truth.put(key(value.indicatorId(), value.districtCode(), value.year()), value));
        List<Exposure> exposures = new ArrayList<>();
        Map<Integer, List<PublishedIndicator>> byYear = published.stream()
                .collect(Collectors.groupingBy(PublishedIndicator::year, TreeMap::new, Collectors.toList()));
        for (List<PublishedIndicator> year : byYear.values()) {
            exposures.addAll(auditYear(year, truth, catalogue));
        }
        return exposures;
    }

    private static List<Exposure> auditYear(List<PublishedIndicator> rows, Map<String, IndicatorValue> truth, IndicatorCatalogue catalogue) {
        // variables: "N|id|area" and "D|id|area"; unknown where the published row is withheld and the true number exists
        List<String> unknowns = new ArrayList<>();
        Map<String, PublishedIndicator> rowByKey = new HashMap<>();
        for (PublishedIndicator row : rows) {
            rowByKey.put(key(row.indicatorId(), row.districtCode(), row.year()), row);
            IndicatorValue value = truth.get(key(row.indicatorId(), row.districtCode(), row.year()));
            if (!row.disclosureStatus().equals("published")) {
                if (value.numerator() != null) {
                    unknowns.add("N|" + row.indicatorId() + "|" + row.districtCode());
                }
                if (value.denominator() != null) {
                    unknowns.add("D|" + row.indicatorId() + "|" + row.districtCode());
                }
            }
        }
        List<Map<String, Integer>> equations = new ArrayList<>();
        Map<String, List<PublishedIndicator>> byIndicator = rows.stream().collect(Collectors.groupingBy(PublishedIndicator::indicatorId,
                TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<PublishedIndicator>> indicator : byIndicator.entrySet()) {
            for (String quantity : List.of("N", "D")) {
                Map<String, Integer> sum = new HashMap<>();
                for (PublishedIndicator row : indicator.getValue()) {
                    sum.put(quantity + "|" + row.indicatorId() + "|" + row.districtCode(), row.districtCode().equals(District.CITY_CODE) ? 1 : -1);
                }
                equations.add(sum);
            }
        }
        // shared denominators: the definitions give T2-06 the denominator of T2-03 ("as T2-03")
        for (String[] pair : new String[][] {{"T2-03", "T2-06"}}) {
            if (byIndicator.containsKey(pair[0]) && byIndicator.containsKey(pair[1])) {
                for (PublishedIndicator row : byIndicator.get(pair[0])) {
                    equations.add(Map.of("D|" + pair[0] + "|" + row.districtCode(), 1, "D|" + pair[1] + "|" + row.districtCode(), -1));
                }
            }
        }
        List<Exposure> exposures = new ArrayList<>();
        int fullRank = rank(equations, unknowns, null);
        for (String variable : unknowns) {
            String[] parts = variable.split("\\|");
            IndicatorValue value = truth.get(key(parts[1], parts[2], rows.get(0).year()));
            DisclosureControl.SmallQuantities small = DisclosureControl.smallQuantities(
                    catalogue.byReportedId(parts[1]).definition().disclosure(), value.numerator(), value.denominator());
            boolean sensitive = parts[0].equals("N") ? small.numerator() : small.denominator();
            if (sensitive && rank(equations, unknowns, variable) == fullRank - 1) {
                exposures.add(new Exposure(parts[1], parts[2], value.year(), parts[0].equals("N") ? "numerator" : "denominator"));
            }
        }
        return exposures;
    }

    /** The rank of the equations' coefficients on the unknowns (without one of them, when given), by Gaussian elimination. */
    private static int rank(List<Map<String, Integer>> equations, List<String> unknowns, String without) {
        List<String> columns = unknowns.stream().filter(column -> !column.equals(without)).toList();
        List<double[]> matrix = new ArrayList<>();
        for (Map<String, Integer> equation : equations) {
            double[] row = new double[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                row[c] = equation.getOrDefault(columns.get(c), 0);
            }
            matrix.add(row);
        }
        int rank = 0;
        for (int c = 0; c < columns.size() && rank < matrix.size(); c++) {
            int pivot = -1;
            for (int r = rank; r < matrix.size(); r++) {
                if (Math.abs(matrix.get(r)[c]) > 1e-9) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] top = matrix.get(pivot);
            matrix.set(pivot, matrix.get(rank));
            matrix.set(rank, top);
            for (int r = rank + 1; r < matrix.size(); r++) {
                double factor = matrix.get(r)[c] / top[c];
                if (factor != 0) {
                    for (int k = c; k < columns.size(); k++) {
                        matrix.get(r)[k] -= factor * top[k];
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    private static String key(String indicatorId, String districtCode, int year) {
        return indicatorId + "|" + districtCode + "|" + year;
    }
}
