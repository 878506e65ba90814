package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Hand-written delivered files for the ingest tests. */
final class Deliveries {

    static final Charset GBK = Charset.forName("GBK");
    static final String DEATHS_HEADER = "证明编号,身份证号,性别,出生日期,死亡日期,常住区划,根本死因";
    static final String ENROLMENTS_HEADER = "证件号码|姓名|险种类型|参保状态|参保日期|终止日期|参保地区划|缴费基数";

    private Deliveries() {
    }

    static DeliveryFormat format(String extractId) {
        return DeliveryFormat.of(ProjectFiles.schemas().get(extractId));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gbk(String text) {
        return text.getBytes(GBK);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
