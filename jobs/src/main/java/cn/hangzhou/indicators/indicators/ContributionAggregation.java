package cn.hangzhou.indicators.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.SqlLiterals;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sums an indicator's contributions (year, district_code, [breakdown,] unit_key, numerator[, denominator]) into
 * numerator and denominator per district and for the city.
 *
 * <p>A unit (a person, a roll, an institution, a population cell, a payment) counts once per district: where
 * the SQL returns it twice there, its largest numerator and denominator are taken. The city pools the districts'
 * units, and a unit found in several districts (a person insured in two) counts once there too: the city's value
 * is never an average of district values. Sums are exact (decimal) and turned into doubles only at the end, so
 * that the same input always gives the same value whatever the order of rows.
 */
public final class ContributionAggregation {

    private static final String EXACT_SQL = "DECIMAL(38, 6)";
    /** The silver rows behind a contribution ({@code _numerator_sources}, {@code _denominator_sources}), for lineage. */
    private static final String SOURCES_SQL = "ARRAY<STRUCT<file_id: STRING, row_number: BIGINT>>";

    private ContributionAggregation() {
    }

    /**
     * A query giving one indicator's contributions in the common shape {@link #aggregate} takes: indicator_id, year,
     * district_code, breakdown (null without), unit_key, numerator, denominator (null for a count), exact decimals,
     * and the silver rows behind each: _numerator_sources, _denominator_sources (null for a count).
     */
    public static String normalisingSql(Indicator indicator) {
        boolean breakdown = !indicator.definition().breakdown().isEmpty();
        boolean denominator = indicator.kind() == IndicatorKind.RATIO;
        return normalisingSql(indicator, indicator.sqlText(), breakdown, denominator, "true");
    }

    /**
     * An indicator's {@code lineage_sql} in the same shape as {@link #normalisingSql(Indicator)}, keeping the rows
     * that match {@code condition} (a SQL condition over the lineage SQL's columns).
     */
    public static String lineageSql(Indicator indicator, String condition) {
        return normalisingSql(indicator, indicator.lineageSqlText(), false, true, condition);
    }

    private static String normalisingSql(Indicator indicator, String sqlText, boolean breakdown, boolean denominator,
                                         String condition) {
        return "SELECT " + SqlLiterals.stringLiteral(indicator.id()) + " AS indicator_id, CAST(year AS INT) AS year, "
                + "CAST(district_code AS STRING) AS district_code, "
                + (breakdown ? "CAST(breakdown AS STRING)" : "CAST(NULL AS STRING)") + " AS breakdown, "
                + "CAST(unit_key AS STRING) AS unit_key, CAST(numerator AS " + EXACT_SQL + ") AS numerator, "
                + (denominator ? "CAST(denominator AS " + EXACT_SQL + ")" : "CAST(NULL AS " + EXACT_SQL + ")") + " AS denominator, "
                + "CAST(_numerator_sources AS " + SOURCES_SQL + ") AS _numerator_sources, "
                + (denominator ? "CAST(_denominator_sources AS " + SOURCES_SQL + ")" : "CAST(NULL AS " + SOURCES_SQL + ")")
                + " AS _denominator_sources\n"
                + "FROM (\n" + sqlText.strip() + "\n) AS contributions\nWHERE " + condition;
    }

    /**
     * @param contributions of one or more indicators, as {@link #normalise} makes them
     * @param districtCodes the districts reported; contributions of other codes (or none) are left out of both
     *                      district and city values
     * @return indicator_id, year, district_code, breakdown, numerator, denominator (null for a count), as doubles
     */
    public static Dataset<Row> aggregate(Dataset<Row> contributions, List<String> districtCodes) {
        Dataset<Row> units = contributions
                .where(col("district_code").isin(districtCodes.toArray()))
                .groupBy("indicator_id", "year", "district_code", "breakdown", "unit_key")
                .agg(max("numerator").as("numerator"), max("denominator").as("denominator"))
                // read twice below (districts and city): computed once
                .localCheckpoint();
        Dataset<Row> districts = units.groupBy("indicator_id", "year", "district_code", "breakdown")
                .agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"));
        Dataset<Row> city = units.groupBy("indicator_id", "year", "breakdown", "unit_key")
                .agg(max("numerator").as("numerator"), max("denominator").as("denominator"))
                .groupBy("indicator_id", "year", "breakdown")
                .agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"))
                .withColumn("district_code", lit(District.CITY_CODE));
        return districts.unionByName(city)
                .select(col("indicator_id"), col("year"), col("district_code"), col("breakdown"),
                        col("numerator").cast(DataTypes.DoubleType).as("numerator"),
                        col("denominator").cast(DataTypes.DoubleType).as("denominator"));
    }
}
