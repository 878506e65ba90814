package cn.hangzhou.indicators.conform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs a stage's SQL ({@code cn/hangzhou/indicators/conform/<name>.sql}) over one input, visible to it as a view. */
final class SqlStatements {

    private SqlStatements() {
    }

    static Dataset<Row> run(String resource, String inputView, Dataset<Row> input) {
        input.createOrReplaceTempView(inputView);
        return input.sparkSession().sql(text(resource));
    }

    static String text(String resource) {
        try (InputStream in = SqlStatements.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
