package cn.hangzhou.indicators.indicators;

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
 * Cell lineage of the summed indicators: which silver rows (delivery file_id and row number) stand behind the
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
     * @param contributions as {@link ContributionAggregation#normalisingSql} gives them
     * @return indicator_id (the reported id), district_code, year, role, file_id, row_number, person_key, one row each:
     *         every silver row of a unit with a positive numerator (role numerator) or denominator (role denominator),
     *         for its district and for the city. person_key is the unit's key where the unit is a person, else null.
     */
    public static Dataset<Row> rows(Dataset<Row> contributions, List<String> districtCodes) {
        Dataset<Row> reported = contributions.where(col("district_code").isin(districtCodes.toArray()))
                .withColumn("indicator_id", when(col("breakdown").isNull(), col("indicator_id"))
                        .otherwise(concat(col("indicator_id"), lit("/"), col("breakdown"))))
                // units that are not persons have a prefixed key (roll:, archive:, population:, ...)
                .withColumn("person_key", when(col("unit_key").contains(":"), lit(null)).otherwise(col("unit_key")));
        Dataset<Row> numerators = role(reported, NUMERATOR, "_numerator_sources");
        Dataset<Row> denominators = role(reported, DENOMINATOR, "_denominator_sources");
        Dataset<Row> districts = numerators.unionByName(denominators);
        return districts.unionByName(districts.withColumn("district_code", lit(District.CITY_CODE))).distinct();
    }

    private static Dataset<Row> role(Dataset<Row> contributions, String role, String sources) {
        return contributions.where(col(role).gt(0).and(col(sources).isNotNull()))
                .select(col("indicator_id"), col("district_code"), col("year"), lit(role).as("role"),
                        explode(col(sources)).as("source"), col("person_key"))
                .select(col("indicator_id"), col("district_code"), col("year"), col("role"),
                        col("source.file_id").as("file_id"), col("source.row_number").as("row_number"), col("person_key"));
    }

    /** Per value, role and delivery: how many of the delivery's silver rows contributed ({@code rows}). */
    public static Dataset<Row> sources(Dataset<Row> rows) {
        return rows.groupBy("indicator_id", "district_code", "year", "role", "file_id")
                .agg(countDistinct("row_number").as("rows"));
    }

    /** The lineage rows of one value, filtered with literals. */
    public static Column cell(String indicatorId, String districtCode, int year) {
        return col("indicator_id").equalTo(lit(indicatorId)).and(col("district_code").equalTo(lit(districtCode)))
                .and(col("year").equalTo(lit(year)));
    }
}
