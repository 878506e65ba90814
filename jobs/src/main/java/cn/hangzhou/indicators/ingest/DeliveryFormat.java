package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.config.ExtractSchema;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;

/**
 * What a parser needs to know about one extract's files, taken from its schema; serializable so that
 * Spark tasks can carry it.
 *
 * @param headers   the delivered headers (JSON keys for JSON Lines), in the schema's column order
 * @param names     the English column names, same order
 * @param delimiter the field separator of a delimited file, else 0
 */
public record DeliveryFormat(String extract, ExtractSchema.Format format, String encoding, char delimiter,
                             ExtractSchema.Quoting quoting, List<String> headers, List<String> names)
        implements Serializable {

    public DeliveryFormat {
        headers = List.copyOf(headers);
        names = List.copyOf(names);
    }

    public static DeliveryFormat of(ExtractSchema schema) {
        char delimiter = schema.delimiter() == null ? 0 : schema.delimiter().charAt(0);
        return new DeliveryFormat(schema.extract(), schema.format(), schema.encoding(), delimiter, schema.quoting(),
                schema.headers(), schema.columnNames());
    }

    /** The same format read in another encoding: a file found to be in the other usual one (docs/ingestion.md). */
    public DeliveryFormat withEncoding(String otherEncoding) {
        return new DeliveryFormat(extract, format, otherEncoding, delimiter, quoting, headers, names);
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }

    public boolean isJsonLines() {
        return format == ExtractSchema.Format.JSON_LINES;
    }
}
