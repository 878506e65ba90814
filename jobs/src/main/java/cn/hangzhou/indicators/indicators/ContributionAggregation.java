package cn.hangzhou.indicators.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import cn.hangzhou.indicators.config.District;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

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

    private static final DecimalType EXACT = DataTypes.createDecimalType(38, 6);

    private ContributionAggregation() {
    }

    /**
     * @param districtCodes the districts reported; contributions of other codes (or none) are left out of both
     *                      district and city values
     * @return year, district_code, breakdown (null without breakdown), numerator, denominator (null for a count)
     */
    public static Dataset<Row> aggregate(Dataset<Row> contributions, List<String> districtCodes) {
        List<String> columns = Arrays.asList(contributions.columns());
        Column breakdown = columns.contains("breakdown") ? col("breakdown").cast(DataTypes.StringType)
                : lit(null).cast(DataTypes.StringType);
        Column denominator = columns.contains("denominator") ? col("denominator").cast(EXACT) : lit(null).cast(EXACT);
        Dataset<Row> units = contributions
                .select(col("year").cast(DataTypes.IntegerType).as("year"), col("district_code").cast(DataTypes.StringType).as("district_code"),
                        breakdown.as("breakdown"), col("unit_key"), col("numerator").cast(EXACT).as("numerator"),
                        denominator.as("denominator"))
                .where(col("district_code").isin(districtCodes.toArray()))
                .groupBy("year", "district_code", "breakdown", "unit_key")
                .agg(max("numerator").as("numerator"), max("denominator").as("denominator"));
        Dataset<Row> districts = units.groupBy("year", "district_code", "breakdown")
                .agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"));
        Dataset<Row> city = units.groupBy("year", "breakdown", "unit_key")
                .agg(max("numerator").as("numerator"), max("denominator").as("denominator"))
                .groupBy("year", "breakdown")
                .agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"))
                .withColumn("district_code", lit(District.CITY_CODE));
        return districts.unionByName(city)
                .select(col("year"), col("district_code"), col("breakdown"),
                        col("numerator").cast(DataTypes.DoubleType).as("numerator"),
                        col("denominator").cast(DataTypes.DoubleType).as("denominator"));
    }
}
