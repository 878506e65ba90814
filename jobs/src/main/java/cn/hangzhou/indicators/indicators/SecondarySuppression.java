package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.District;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The disclosure status of every value after primary and secondary suppression, grain indicator × area × year:
 * complementary cells are withheld ({@link DisclosureControl#SECONDARY}) until no small numerator or denominator of a
 * withheld cell follows exactly from published numerators and denominators (docs/indicators.md, "Disclosure control").
 */
public final class SecondarySuppression {

    private static final Logger LOG = LogManager.getLogger(SecondarySuppression.class);

    /** The key of one value. */
    public record Cell(String indicatorId, String districtCode, int year) {

        static Cell of(IndicatorValue value) {
            return new Cell(value.indicatorId(), value.districtCode(), value.year());
        }
    }

    private SecondarySuppression() {
    }

    /** The status of every value: published, C (small cell), D (secondary suppression) or X (failed quality). */
    public static Map<Cell, String> statuses(List<IndicatorValue> values, IndicatorCatalogue catalogue) {
        Map<Cell, String> statuses = new HashMap<>();
        Map<Integer, List<IndicatorValue>> byYear = values.stream()
                .collect(Collectors.groupingBy(IndicatorValue::year, TreeMap::new, Collectors.toList()));
        byYear.forEach((year, ofYear) -> statuses.putAll(new YearTable(ofYear, catalogue).suppress()));
        return statuses;
    }

    /**
     * The values of one year as variables (numerator and denominator of each value) and the equations a reader knows:
     * the city is the sum of its districts, for numerators and for denominators of one indicator; and two indicators
     * whose denominators are the same in every area (T2-03 and T2-06 share theirs) have equal denominators.
     */
    static final class YearTable {

        private final List<IndicatorValue> cells;
        private final String[] status;
        private final DisclosureControl.SmallQuantities[] smallQuantities;
        /** variable index of each cell's numerator and denominator, -1 where that quantity is null */
        private final int[] numeratorVariable;
        private final int[] denominatorVariable;
        private final int[] cellOfVariable;
        private final List<Map<Integer, Double>> equations = new ArrayList<>();

        YearTable(List<IndicatorValue> values, IndicatorCatalogue catalogue) {
            cells = values.stream().sorted(Comparator.comparing(IndicatorValue::indicatorId).thenComparing(IndicatorValue::districtCode)).toList();
            int size = cells.size();
            status = new String[size];
            smallQuantities = new DisclosureControl.SmallQuantities[size];
            numeratorVariable = new int[size];
            denominatorVariable = new int[size];
            List<Integer> owners = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                IndicatorValue value = cells.get(i);
                DisclosureRule rule = catalogue.byReportedId(value.indicatorId()).definition().disclosure();
                status[i] = DisclosureControl.status(rule, value.qualityStatus(), value.numerator(), value.denominator());
                smallQuantities[i] = DisclosureControl.smallQuantities(rule, value.numerator(), value.denominator());
                numeratorVariable[i] = value.numerator() == null ? -1 : owners.size();
                if (value.numerator() != null) {
                    owners.add(i);
                }
                denominatorVariable[i] = value.denominator() == null ? -1 : owners.size();
                if (value.denominator() != null) {
                    owners.add(i);
                }
            }
            cellOfVariable = owners.stream().mapToInt(Integer::intValue).toArray();
            addSums();
            addSharedDenominators();
        }

        private void addSums() {
            Map<String, List<Integer>> byIndicator = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                byIndicator.computeIfAbsent(cells.get(i).indicatorId(), id -> new ArrayList<>()).add(i);
            }
            for (List<Integer> group : byIndicator.values()) {
                Integer city = group.stream().filter(i -> isCity(cells.get(i))).findFirst().orElse(null);
                if (city == null || group.size() < 2) {
                    continue;
                }
                for (int[] variables : List.of(numeratorVariable, denominatorVariable)) {
                    if (variables[city] < 0) {
                        continue;
                    }
                    Map<Integer, Double> sum = new HashMap<>();
                    sum.put(variables[city], 1.0);
                    for (int i : group) {
                        if (i != city && variables[i] >= 0) {
                            sum.put(variables[i], -1.0);
                        }
                    }
                    equations.add(sum);
                }
            }
        }

        private void addSharedDenominators() {
            Map<String, Map<String, Integer>> byIndicator = new TreeMap<>();
            for (int i = 0; i < cells.size(); i++) {
                byIndicator.computeIfAbsent(cells.get(i).indicatorId(), id -> new TreeMap<>()).put(cells.get(i).districtCode(), i);
            }
            List<Map<String, Integer>> indicators = new ArrayList<>(byIndicator.values());
            for (int a = 0; a < indicators.size(); a++) {
                for (int b = a + 1; b < indicators.size(); b++) {
                    if (sameDenominators(indicators.get(a), indicators.get(b))) {
                        for (Map.Entry<String, Integer> area : indicators.get(a).entrySet()) {
                            Map<Integer, Double> equal = new HashMap<>();
                            equal.put(denominatorVariable[area.getValue()], 1.0);
                            equal.put(denominatorVariable[indicators.get(b).get(area.getKey())], -1.0);
                            equations.add(equal);
                        }
                    }
                }
            }
        }

        private boolean sameDenominators(Map<String, Integer> first, Map<String, Integer> second) {
            if (!first.keySet().equals(second.keySet())) {
                return false;
            }
            boolean anyPositive = false;
            for (Map.Entry<String, Integer> area : first.entrySet()) {
                Double one = cells.get(area.getValue()).denominator();
                Double other = cells.get(second.get(area.getKey())).denominator();
                if (one == null || other == null || Math.abs(one - other) > 1e-9) {
                    return false;
                }
                anyPositive |= one > 0;
            }
            return anyPositive;
        }

        /** Withholds complementary cells, the cheapest that protects first, until no small cell is exposed. */
        Map<Cell, String> suppress() {
            Set<Integer> unprotectable = new HashSet<>();
            while (true) {
                Set<Integer> determined = DeterminedUnknowns.of(equations, unknowns());
                Integer exposed = null;
                for (int i = 0; i < cells.size() && exposed == null; i++) {
                    if (!unprotectable.contains(i) && exposedIn(i, determined)) {
                        exposed = i;
                    }
                }
                if (exposed == null) {
                    break;
                }
                List<Integer> candidates = complements(exposed);
                if (candidates.isEmpty()) {
                    // only possible where an equation has no other non-null variable: nothing published to withhold
                    LOG.warn("disclosure: {} follows from the other values and no published value can protect it", Cell.of(cells.get(exposed)));
                    unprotectable.add(exposed);
                    continue;
                }
                int chosen = candidates.get(0);
                for (int candidate : candidates) {
                    status[candidate] = DisclosureControl.SECONDARY;
                    boolean protects = !exposedIn(exposed, DeterminedUnknowns.of(equations, unknowns()));
                    status[candidate] = DisclosureControl.PUBLISHED;
                    if (protects) {
                        chosen = candidate;
                        break;
                    }
                }
                status[chosen] = DisclosureControl.SECONDARY;
            }
            Map<Cell, String> statuses = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                statuses.put(Cell.of(cells.get(i)), status[i]);
            }
            return statuses;
        }

        private Set<Integer> unknowns() {
            Set<Integer> unknowns = new HashSet<>();
            for (int variable = 0; variable < cellOfVariable.length; variable++) {
                if (!status[cellOfVariable[variable]].equals(DisclosureControl.PUBLISHED)) {
                    unknowns.add(variable);
                }
            }
            return unknowns;
        }

        /** Whether a small quantity of the cell (see {@link DisclosureControl#smallQuantities}) is among the determined variables. */
        private boolean exposedIn(int cell, Set<Integer> determined) {
            DisclosureControl.SmallQuantities small = smallQuantities[cell];
            return small.numerator() && determined.contains(numeratorVariable[cell])
                    || small.denominator() && determined.contains(denominatorVariable[cell]);
        }

        /**
         * Published cells in the equations reachable from the cell through withheld variables, cheapest first: districts
         * before the city, smallest numerator, then smallest population (denominator).
         */
        private List<Integer> complements(int cell) {
            Set<Integer> unknowns = unknowns();
            Set<Integer> reached = new HashSet<>();
            List<Integer> frontier = new ArrayList<>();
            for (int variable : new int[] {numeratorVariable[cell], denominatorVariable[cell]}) {
                if (variable >= 0 && reached.add(variable)) {
                    frontier.add(variable);
                }
            }
            Set<Integer> candidates = new HashSet<>();
            while (!frontier.isEmpty()) {
                int variable = frontier.remove(frontier.size() - 1);
                for (Map<Integer, Double> equation : equations) {
                    if (!equation.containsKey(variable)) {
                        continue;
                    }
                    for (int other : equation.keySet()) {
                        if (!unknowns.contains(other)) {
                            candidates.add(cellOfVariable[other]);
                        } else if (reached.add(other)) {
                            frontier.add(other);
                        }
                    }
                }
            }
            return candidates.stream().sorted(Comparator.<Integer, Boolean>comparing(i -> isCity(cells.get(i)))
                    .thenComparingDouble(i -> orZero(cells.get(i).numerator()))
                    .thenComparingDouble(i -> orZero(cells.get(i).denominator()))
                    .thenComparing(i -> cells.get(i).indicatorId())
                    .thenComparing(i -> cells.get(i).districtCode())).toList();
        }

        private static boolean isCity(IndicatorValue value) {
            return value.districtCode().equals(District.CITY_CODE);
        }

        private static double orZero(Double quantity) {
            return quantity == null ? 0 : quantity;
        }
    }
}
