package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.gzip;
import static cn.hangzhou.indicators.ingest.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileDecoderTest {

    @Test
    void aGzipFileIsUnpackedByItsName() throws Exception {
        assertThat(FileDecoder.content(gzip(utf8("a,b\n")), "deaths_202401.csv.gz")).isEqualTo(utf8("a,b\n"));
        assertThat(FileDecoder.content(utf8("a,b\n"), "deaths_202401.csv")).isEqualTo(utf8("a,b\n"));
    }

    @Test
    void aTruncatedGzipIsRejected() {
        byte[] whole = gzip(utf8("证明编号,身份证号\n".repeat(50)));
        assertThatThrownBy(() -> FileDecoder.content(Arrays.copyOf(whole, whole.length / 2), "deaths_202401.csv.gz"))
                .isInstanceOf(FileRejectedException.class).hasMessageStartingWith("truncated gzip");
    }

    @Test
    void aCorruptGzipIsRejected() {
        assertThatThrownBy(() -> FileDecoder.content(utf8("not gzip at all"), "deaths_202401.csv.gz"))
                .isInstanceOf(FileRejectedException.class).hasMessageStartingWith("corrupt gzip");
    }

    @Test
    void emptyFilesAreRejectedCompressedOrNot() {
        assertThatThrownBy(() -> FileDecoder.content(new byte[0], "deaths_202401.csv"))
                .isInstanceOf(FileRejectedException.class).hasMessage("empty file (0 bytes)");
        assertThatThrownBy(() -> FileDecoder.content(gzip(new byte[0]), "deaths_202401.csv.gz"))
                .isInstanceOf(FileRejectedException.class).hasMessage("empty file (0 bytes after gunzip)");
    }

    @Test
    void linesKeepTheirTerminatorAndALastLineWithoutOne() throws Exception {
        DecodedLines lines = FileDecoder.lines(utf8("a\r\nb\nc"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lines.next()).isEqualTo(new PhysicalLine(1, "a", "\r\n", true));
        assertThat(lines.next()).isEqualTo(new PhysicalLine(2, "b", "\n", true));
        assertThat(lines.next()).isEqualTo(new PhysicalLine(3, "c", "", true));
        assertThat(lines.hasNext()).isFalse();
    }

    @Test
    void aGzipExpandingPastItsLimitIsRejectedWhileStreaming() throws Exception {
        byte[] bomb = gzip(utf8("证明编号,身份证号\n" + "0".repeat(1_000_000)));
        DecodedLines lines = FileDecoder.lines(FileDecoder.content(new ByteArrayInputStream(bomb), "deaths_202401.csv.gz", 200_000),
                StandardCharsets.UTF_8);
        assertThat(lines.next().text()).isEqualTo("证明编号,身份证号");
        assertThatThrownBy(lines::hasNext).isInstanceOf(FileRejectedException.class)
                .hasMessage("gzip expands to more than 200000 bytes: refused as a possible gzip bomb (see docs/ingestion.md to raise the limit)");
    }
}
