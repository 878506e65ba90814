package cn.hangzhou.indicators.lineage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import cn.hangzhou.indicators.config.District;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Cell lineage: which silver rows (delivery file_id and row number) stand behind the
 * numerator and the denominator of each value, as {@code restricted/lineage/indicator_rows} and, counted per
 * delivery, {@code restricted/lineage/indicator_sources}.
 */
public final class IndicatorLineage {

    public static final String ROWS_TABLE = "indicator_rows";
    public static final String SOURCES_TABLE = "indicator_sources";
    public static final String NUMERATOR = "numerator";
    public static final String DENOMINATOR = "denominator";

    private IndicatorLineage() {
    }

    /**
     * @param contributions as {@link cn.hangzhou.indicators.indicators.ContributionAggregation#normalisingSql} gives them
     * @return indicator_id (the reported id), district_code, year, role, file_id, row_number, person_key, one row each:
     *         every silver row of a unit with a positive numerator (role numerator) or denominator (role denominator),
     *         for its district. person_key is the unit's key where the unit is a person, else null. The city's rows
     *         are not repeated: a pooled city value stands on the union of its districts' rows ({@link #cellRows}).
     */
    public static Dataset<Row> rows(Dataset<Row> contributions, List<String> districtCodes) {
        return roles(reported(contributions, districtCodes)).distinct();
    }

    /**
     * The rows behind a value chosen among candidates rather than summed (T2-43's most frequent standard): those of
     * the contributions whose numerator is the value's numerator, in its district or, for the city, in any district.
     *
     * @param chosen indicator_id, district_code (city included), year, chosen_numerator (double)
     */
    public static Dataset<Row> matchingRows(Dataset<Row> contributions, Dataset<Row> chosen, List<String> districtCodes) {
        Dataset<Row> inDistricts = reported(contributions, districtCodes);
        Dataset<Row> candidates = inDistricts.unionByName(inDistricts.withColumn("district_code", lit(District.CITY_CODE)));
        Dataset<Row> matching = candidates.join(chosen, candidates.col("indicator_id").equalTo(chosen.col("indicator_id"))
                        .and(candidates.col("district_code").equalTo(chosen.col("district_code")))
                        .and(candidates.col("year").equalTo(chosen.col("year")))
                        .and(candidates.col("numerator").cast("double").equalTo(chosen.col("chosen_numerator"))), "left_semi");
        return roles(matching).distinct();
    }

    /** The contributions of the reported districts, under their reported id, with the unit's person_key. */
    private static Dataset<Row> reported(Dataset<Row> contributions, List<String> districtCodes) {
        return contributions.where(col("district_code").isin(districtCodes.toArray()))
                .withColumn("indicator_id", when(col("breakdown").isNull(), col("indicator_id"))
                        .otherwise(concat(col("indicator_id"), lit("/"), col("breakdown"))))
                // units that are not persons have a prefixed key (roll:, archive:, population:, ...)
                .withColumn("person_key", when(col("unit_key").contains(":"), lit(null)).otherwise(col("unit_key")));
    }

    private static Dataset<Row> roles(Dataset<Row> reported) {
        return role(reported, NUMERATOR, "_numerator_sources").unionByName(role(reported, DENOMINATOR, "_denominator_sources"));
    }

    private static Dataset<Row> role(Dataset<Row> contributions, String role, String sources) {
        return contributions.where(col(role).gt(0).and(col(sources).isNotNull()))
                .select(col("indicator_id"), col("district_code"), col("year"), lit(role).as("role"),
                        explode(col(sources)).as("source"), col("person_key"))
                .select(col("indicator_id"), col("district_code"), col("year"), col("role"),
                        col("source.file_id").as("file_id"), col("source.row_number").as("row_number"), col("person_key"));
    }

    /**
     * Per value, role and delivery: how many of the delivery's silver rows contributed ({@code rows}); for the city
     * of a pooled indicator, counted over the union of its districts' rows.
     */
    public static Dataset<Row> sources(Dataset<Row> rows) {
        Dataset<Row> stored = rows.groupBy("indicator_id", "district_code", "year", "role", "file_id")
                .agg(countDistinct("row_number").as("rows"));
        Dataset<Row> withCityRows = rows.where(col("district_code").equalTo(lit(District.CITY_CODE))).select("indicator_id").distinct();
        Dataset<Row> pooledCity = rows.join(withCityRows, rows.col("indicator_id").equalTo(withCityRows.col("indicator_id")), "left_anti")
                .groupBy("indicator_id", "year", "role", "file_id")
                .agg(countDistinct("row_number").as("rows"))
                .withColumn("district_code", lit(District.CITY_CODE));
        return stored.unionByName(pooledCity);
    }

    /**
     * The contributing rows of one value (role, file_id, row_number, person_key) from {@code indicator_rows}: its
     * own rows, or for a pooled city value without rows of its own, the distinct rows of all its districts.
     */
    public static Dataset<Row> cellRows(Dataset<Row> rows, String indicatorId, String districtCode, int year) {
        Dataset<Row> own = rows.where(cell(indicatorId, districtCode, year)).select("role", "file_id", "row_number", "person_key");
        if (!districtCode.equals(District.CITY_CODE) || !own.isEmpty()) {
            return own;
        }
        return rows.where(col("indicator_id").equalTo(lit(indicatorId)).and(col("year").equalTo(lit(year))))
                .select("role", "file_id", "row_number", "person_key").distinct();
    }

    /** The lineage rows of one value, filtered with literals. */
    public static Column cell(String indicatorId, String districtCode, int year) {
        return col("indicator_id").equalTo(lit(indicatorId)).and(col("district_code").equalTo(lit(districtCode)))
                .and(col("year").equalTo(lit(year)));
    }
}
