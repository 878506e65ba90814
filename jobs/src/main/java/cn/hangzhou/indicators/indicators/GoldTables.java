package cn.hangzhou.indicators.indicators;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/** The two gold tables' columns (docs/data-model.md) and the conversions between their rows and records. */
public final class GoldTables {

    /** The columns both tables start with: the value's keys, the value and what it was computed from. */
    private static final StructType VALUE_COLUMNS = new StructType()
            .add("indicator_id", DataTypes.StringType, false)
            .add("district_code", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("value", DataTypes.DoubleType)
            .add("numerator", DataTypes.DoubleType)
            .add("denominator", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("quality_status", DataTypes.StringType);

    public static final StructType INDICATOR_VALUES = VALUE_COLUMNS
            .add("run_id", DataTypes.StringType)
            .add("definition_version", DataTypes.StringType)
            .add("computed_at", DataTypes.TimestampType);

    /** Published numbers are decimals: the value rounded as presented, numerator and denominator without float noise. */
    private static final DecimalType PUBLISHED_NUMBER = DataTypes.createDecimalType(24, IndicatorDefinition.PUBLISHED_SCALE);

    public static final StructType PUBLISHED_INDICATORS = new StructType()
            .add("indicator_id", DataTypes.StringType, false)
            .add("district_code", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("value", PUBLISHED_NUMBER)
            .add("numerator", PUBLISHED_NUMBER)
            .add("denominator", PUBLISHED_NUMBER)
            .add("unit", DataTypes.StringType)
            .add("quality_status", DataTypes.StringType)
            .add("disclosure_status", DataTypes.StringType)
            .add("target_2025", DataTypes.StringType)
            .add("target_met", DataTypes.BooleanType)
            .add("run_id", DataTypes.StringType)
            .add("computed_at", DataTypes.TimestampType);

    /** The columns that say what a value is; run_id and computed_at only say when it was written. */
    public static final List<String> RUN_COLUMNS = List.of("run_id", "computed_at");

    private GoldTables() {
    }

    public static Dataset<Row> indicatorValues(SparkSession spark, List<IndicatorValue> values, String runId, Timestamp computedAt) {
        List<Row> rows = values.stream().map(value -> RowFactory.create(value.indicatorId(), value.districtCode(), value.year(),
                value.value(), value.numerator(), value.denominator(), value.unit(), value.qualityStatus().name(), runId,
                value.definitionVersion(), computedAt)).toList();
        return spark.createDataFrame(rows, INDICATOR_VALUES);
    }

    public static Dataset<Row> publishedIndicators(SparkSession spark, List<PublishedIndicator> values, String runId,
                                                   Timestamp computedAt) {
        List<Row> rows = values.stream().map(value -> RowFactory.create(value.indicatorId(), value.districtCode(), value.year(),
                value.value(), value.numerator(), value.denominator(), value.unit(), value.qualityStatus(),
                value.disclosureStatus(), value.target2025(), value.targetMet(), runId, computedAt)).toList();
        return spark.createDataFrame(rows, PUBLISHED_INDICATORS);
    }

    public static IndicatorValue indicatorValue(Row row) {
        return new IndicatorValue(row.getAs("indicator_id"), row.getAs("district_code"), row.<Integer>getAs("year"),
                row.getAs("value"), row.getAs("numerator"), row.getAs("denominator"), row.getAs("unit"),
                QualityStatus.valueOf(row.getAs("quality_status")), row.getAs("definition_version"));
    }

    public static PublishedIndicator publishedIndicator(Row row) {
        return new PublishedIndicator(row.getAs("indicator_id"), row.getAs("district_code"), row.<Integer>getAs("year"),
                decimal(row.getAs("value")), decimal(row.getAs("numerator")), decimal(row.getAs("denominator")), row.getAs("unit"),
                row.getAs("quality_status"), row.getAs("disclosure_status"), row.getAs("target_2025"), row.getAs("target_met"));
    }

    /** A published number as stored: a decimal, or a double in a table written before they were decimals. */
    private static BigDecimal decimal(Object number) {
        if (number == null || number instanceof BigDecimal) {
            return (BigDecimal) number;
        }
        return PublishedIndicator.decimal(((Number) number).doubleValue(), IndicatorDefinition.PUBLISHED_SCALE);
    }
}
