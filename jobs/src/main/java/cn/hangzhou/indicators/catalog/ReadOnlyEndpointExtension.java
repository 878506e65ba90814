package cn.hangzhou.indicators.catalog;

import org.apache.spark.sql.SparkSessionExtensions;

/**
 * The Spark session extension ({@code spark.sql.extensions}) that puts {@link ReadOnlyStatementParser} in front of
 * Delta's parser in every session of the {@code serve-sql} process, the JDBC connections' sessions included.
 */
public final class ReadOnlyEndpointExtension implements scala.Function1<SparkSessionExtensions, scala.runtime.BoxedUnit> {

    @Override
    public scala.runtime.BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser((session, parser) -> new ReadOnlyStatementParser(parser));
        return scala.runtime.BoxedUnit.UNIT;
    }
}
