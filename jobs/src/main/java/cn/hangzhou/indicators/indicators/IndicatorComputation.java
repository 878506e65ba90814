package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.lineage.IndicatorLineage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes every indicator of the catalogue for the given years, for each district and the city, from silver
 * tables given as DataFrames (registered as temporary views under their silver names, restricted to the years).
 * The result has one value for every reported id, year and district (city first), null where it is undefined
 * (a rate without denominator, a life table without deaths in the open group).
 */
public final class IndicatorComputation {

    /** The SQL function the definitions use for "age at date D": completed years, incremented on the birthday. */
    public static final String COMPLETED_YEARS = "completed_years";
    /** SQL functions giving the age group an age falls in for the life table and premature mortality, -1 for none. */
    public static final String LIFE_TABLE_GROUP = "life_table_group";
    public static final String PREMATURE_MORTALITY_GROUP = "premature_mortality_group";

    private final SparkSession spark;
    private final IndicatorCatalogue catalogue;
    private final List<String> districtCodes;

    public IndicatorComputation(SparkSession spark, IndicatorCatalogue catalogue, List<String> districtCodes) {
        this.spark = spark;
        this.catalogue = catalogue;
        this.districtCodes = List.copyOf(districtCodes);
    }

    /**
     * The values and the lineage rows of the summed indicators ({@link IndicatorLineage#rows}); the lineage is
     * computed from contributions kept in memory: {@link #release} them when it has been written.
     */
    public record Result(List<IndicatorValue> values, Dataset<Row> lineageRows, Dataset<Row> contributions) {

        public void release() {
            if (contributions != null) {
                contributions.unpersist();
            }
        }
    }

    /** @param silverTables by silver table name; missing ones are replaced by empty tables */
    public List<IndicatorValue> compute(Map<String, Dataset<Row>> silverTables, List<Integer> years, DeliveryQuality quality) {
        Result result = computeWithLineage(silverTables, years, quality);
        result.release();
        return result.values();
    }

    /** As {@link #compute}, with the lineage of the summed indicators. */
    public Result computeWithLineage(Map<String, Dataset<Row>> silverTables, List<Integer> years, DeliveryQuality quality) {
        registerFunctions(spark);
        for (String table : SilverTables.names()) {
            Dataset<Row> rows = silverTables.get(table);
            if (rows == null) {
                rows = spark.createDataFrame(List.of(), SilverTables.schema(table));
            }
            rows.where(rows.col("year").isin(years.toArray())).createOrReplaceTempView(table);
        }
        // The summed indicators go through one aggregation job together: far fewer Spark jobs than one each, and
        // one UNION ALL analysed once rather than a chain of unions analysed again at every step.
        List<String> contributions = new ArrayList<>();
        for (Indicator indicator : catalogue.indicators()) {
            if (indicator.kind().summed()) {
                contributions.add(ContributionAggregation.normalisingSql(indicator));
            }
        }
        Map<String, List<Row>> sums = new HashMap<>();
        Dataset<Row> contributionRows = null;
        List<Dataset<Row>> lineage = new ArrayList<>();
        if (!contributions.isEmpty()) {
            // read again for the lineage after the aggregation
            contributionRows = spark.sql(String.join("\nUNION ALL\n", contributions)).persist(StorageLevel.MEMORY_AND_DISK());
            lineage.add(IndicatorLineage.rows(contributionRows, districtCodes));
            Dataset<Row> aggregated = ContributionAggregation.aggregate(contributionRows, districtCodes);
            for (Row row : aggregated.collectAsList()) {
                sums.computeIfAbsent(row.getString(0), id -> new ArrayList<>()).add(row);
            }
        }
        List<IndicatorValue> values = new ArrayList<>();
        for (Indicator indicator : catalogue.indicators()) {
            Map<Key, IndicatorValue> computed = switch (indicator.kind()) {
                case RATIO, COUNT -> summed(indicator, sums.getOrDefault(indicator.id(), List.of()));
                case LIFE_TABLE, PREMATURE_MORTALITY -> byAgeGroup(indicator, spark.sql(indicator.sqlText()));
                case MINIMUM_STANDARD -> minimumStandard(indicator, spark.sql(indicator.sqlText()));
            };
            values.addAll(complete(indicator, computed, years, quality));
            if (indicator.lineageSqlText() != null) {
                lineage.add(lineageOfAggregates(indicator, computed));
            }
        }
        Dataset<Row> lineageRows = lineage.stream().reduce(Dataset::unionByName).orElse(null);
        return new Result(values, lineageRows, contributionRows);
    }

    /**
     * The rows behind an indicator whose SQL returns aggregates, from its lineage_sql: the deaths and population
     * cells of the ages its computation uses; for the minimum standard, the payments carrying the chosen standard.
     */
    private Dataset<Row> lineageOfAggregates(Indicator indicator, Map<Key, IndicatorValue> computed) {
        return switch (indicator.kind()) {
            case LIFE_TABLE -> IndicatorLineage.rows(spark.sql(ContributionAggregation.lineageSql(indicator,
                    LIFE_TABLE_GROUP + "(age) >= 0")), districtCodes);
            case PREMATURE_MORTALITY -> IndicatorLineage.rows(spark.sql(ContributionAggregation.lineageSql(indicator,
                    PREMATURE_MORTALITY_GROUP + "(age) >= 0")), districtCodes);
            case MINIMUM_STANDARD -> {
                List<Row> chosen = new ArrayList<>();
                computed.values().forEach(value -> {
                    if (value.numerator() != null) {
                        chosen.add(RowFactory.create(value.indicatorId(), value.districtCode(), value.year(), value.numerator()));
                    }
                });
                Dataset<Row> chosenValues = spark.createDataFrame(chosen, new StructType()
                        .add("indicator_id", DataTypes.StringType).add("district_code", DataTypes.StringType)
                        .add("year", DataTypes.IntegerType).add("chosen_numerator", DataTypes.DoubleType));
                yield IndicatorLineage.matchingRows(spark.sql(ContributionAggregation.lineageSql(indicator, "true")),
                        chosenValues, districtCodes);
            }
            case RATIO, COUNT -> throw new IllegalArgumentException(indicator.id() + " carries its sources in its sql");
        };
    }

    public static void registerFunctions(SparkSession spark) {
        spark.udf().register(COMPLETED_YEARS, (UDF2<java.sql.Date, java.sql.Date, Integer>) (birth, date) ->
                birth == null || date == null ? null : completedYears(birth.toLocalDate(), date.toLocalDate()), DataTypes.IntegerType);
        spark.udf().register(LIFE_TABLE_GROUP, (UDF1<Integer, Integer>) age ->
                age == null || age < 0 ? -1 : LifeTable.groupOf(age), DataTypes.IntegerType);
        spark.udf().register(PREMATURE_MORTALITY_GROUP, (UDF1<Integer, Integer>) age ->
                age == null ? -1 : PrematureMortality.groupOf(age), DataTypes.IntegerType);
    }

    /** Completed years between birth and date: the age goes up on the birthday; 29 Feb birthdays on 1 Mar in other years. */
    public static int completedYears(LocalDate birth, LocalDate date) {
        int years = date.getYear() - birth.getYear();
        boolean birthdayNotYetReached = date.getMonthValue() < birth.getMonthValue()
                || date.getMonthValue() == birth.getMonthValue() && date.getDayOfMonth() < birth.getDayOfMonth();
        return birthdayNotYetReached ? years - 1 : years;
    }

    /** The silver tables an indicator's SQL reads (its comments aside). */
    public static Set<String> sourceTables(Indicator indicator) {
        String code = indicator.sqlText().replaceAll("--[^\n]*", "");
        Set<String> tables = new LinkedHashSet<>();
        for (String table : SilverTables.names()) {
            if (Pattern.compile("\\b" + table + "\\b").matcher(code).find()) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** One value per reported id, year and district (missing ones filled in), with the deliveries' quality. */
    private List<IndicatorValue> complete(Indicator indicator, Map<Key, IndicatorValue> computed, List<Integer> years,
                                          DeliveryQuality quality) {
        Set<String> sources = sourceTables(indicator);
        List<IndicatorValue> values = new ArrayList<>();
        for (int year : years) {
            QualityStatus yearQuality = quality.worst(sources, year);
            for (String reportedId : indicator.reportedIds()) {
                for (String district : reportedDistricts()) {
                    IndicatorValue value = computed.get(new Key(reportedId, district, year));
                    if (value == null) {
                        value = empty(indicator, reportedId, district, year);
                    }
                    values.add(new IndicatorValue(value.indicatorId(), district, year, value.value(), value.numerator(),
                            value.denominator(), value.unit(), QualityStatus.worst(yearQuality, value.qualityStatus()),
                            indicator.definitionVersion()));
                }
            }
        }
        return values;
    }

    private List<String> reportedDistricts() {
        List<String> districts = new ArrayList<>();
        districts.add(District.CITY_CODE);
        districts.addAll(districtCodes);
        return districts;
    }

    private record Key(String indicatorId, String districtCode, int year) {
    }

    /** Nothing contributed: a count is 0, a ratio has no denominator, the other kinds have no value. */
    private static IndicatorValue empty(Indicator indicator, String reportedId, String district, int year) {
        return switch (indicator.kind()) {
            case COUNT -> value(indicator, reportedId, district, year, 0.0, 0.0, null, QualityStatus.A);
            case RATIO -> value(indicator, reportedId, district, year, null, 0.0, 0.0, QualityStatus.A);
            default -> value(indicator, reportedId, district, year, null, null, null, QualityStatus.A);
        };
    }

    private static IndicatorValue value(Indicator indicator, String reportedId, String district, int year, Double value,
                                        Double numerator, Double denominator, QualityStatus status) {
        return new IndicatorValue(reportedId, district, year, value, numerator, denominator, indicator.definition().unit(),
                status, indicator.definitionVersion());
    }

    /** @param sums rows of {@link ContributionAggregation#aggregate} for this indicator */
    private static Map<Key, IndicatorValue> summed(Indicator indicator, List<Row> sums) {
        double factor = indicator.definition().factor();
        Map<Key, IndicatorValue> values = new HashMap<>();
        for (Row row : sums) {
            int year = row.getInt(1);
            String district = row.getString(2);
            String reportedId = indicator.reportedId(row.isNullAt(3) ? null : row.getString(3));
            if (!indicator.reportedIds().contains(reportedId)) {
                continue;
            }
            double numerator = row.isNullAt(4) ? 0 : row.getDouble(4);
            Double value;
            Double denominator = null;
            if (indicator.kind() == IndicatorKind.RATIO) {
                denominator = row.isNullAt(5) ? 0 : row.getDouble(5);
                value = denominator > 0 ? factor * numerator / denominator : null;
            } else {
                value = factor * numerator;
            }
            values.put(new Key(reportedId, district, year),
                    value(indicator, reportedId, district, year, value, numerator, denominator, QualityStatus.A));
        }
        return values;
    }

    /** Deaths and population by single age, grouped per district and pooled for the city, then the computation. */
    private Map<Key, IndicatorValue> byAgeGroup(Indicator indicator, Dataset<Row> byAge) {
        boolean lifeTable = indicator.kind() == IndicatorKind.LIFE_TABLE;
        int groups = lifeTable ? LifeTable.GROUP_STARTS.length : PrematureMortality.GROUP_STARTS.length;
        Map<Key, long[][]> tables = new HashMap<>();
        for (Row row : byAge.collectAsList()) {
            if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2) || !districtCodes.contains(row.getString(1))) {
                continue;
            }
            int age = row.getInt(2);
            int group = age < 0 ? -1 : lifeTable ? LifeTable.groupOf(age) : PrematureMortality.groupOf(age);
            if (group < 0) {
                continue;
            }
            long deaths = ((Number) row.get(3)).longValue();
            long population = ((Number) row.get(4)).longValue();
            for (String district : List.of(row.getString(1), District.CITY_CODE)) {
                long[][] table = tables.computeIfAbsent(new Key(indicator.id(), district, row.getInt(0)), key -> new long[2][groups]);
                table[0][group] += deaths;
                table[1][group] += population;
            }
        }
        Map<Key, IndicatorValue> values = new HashMap<>();
        tables.forEach((key, table) -> {
            OptionalDouble result = lifeTable ? LifeTable.lifeExpectancyAtBirth(table[0], table[1])
                    : PrematureMortality.percentage(table[0], table[1]);
            Double value = result.isPresent() ? indicator.definition().factor() * result.getAsDouble() : null;
            values.put(key, value(indicator, key.indicatorId(), key.districtCode(), key.year(), value,
                    (double) java.util.Arrays.stream(table[0]).sum(), (double) java.util.Arrays.stream(table[1]).sum(),
                    QualityStatus.A));
        });
        return values;
    }

    private Map<Key, IndicatorValue> minimumStandard(Indicator indicator, Dataset<Row> standards) {
        Map<Key, MinimumStandard> modes = new HashMap<>();
        for (Row row : standards.collectAsList()) {
            if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2) || !districtCodes.contains(row.getString(1))) {
                continue;
            }
            BigDecimal standard = row.getDecimal(2);
            long payments = ((Number) row.get(3)).longValue();
            for (String district : List.of(row.getString(1), District.CITY_CODE)) {
                modes.computeIfAbsent(new Key(indicator.id(), district, row.getInt(0)), key -> new MinimumStandard())
                        .add(standard, payments);
            }
        }
        // Districts' standards differ by design (reference/districts.csv, assistance_tier): the city's value is
        // only a warning where some district's own payments disagree.
        Set<Integer> yearsWithDisagreement = new java.util.HashSet<>();
        modes.forEach((key, standard) -> {
            if (!key.districtCode().equals(District.CITY_CODE) && standard.mode().disagreement()) {
                yearsWithDisagreement.add(key.year());
            }
        });
        Map<Key, IndicatorValue> values = new HashMap<>();
        modes.forEach((key, standard) -> {
            MinimumStandard.Mode mode = standard.mode();
            boolean disagreement = key.districtCode().equals(District.CITY_CODE)
                    ? yearsWithDisagreement.contains(key.year()) : mode.disagreement();
            double monthly = mode.monthlyStandard().doubleValue();
            values.put(key, value(indicator, key.indicatorId(), key.districtCode(), key.year(),
                    indicator.definition().factor() * monthly, monthly, null,
                    disagreement ? QualityStatus.W : QualityStatus.A));
        });
        return values;
    }
}
