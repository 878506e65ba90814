package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

class IndicatorWorkbookTest {

    private static final List<PublishedIndicator> ROWS = List.of(
            new PublishedIndicator("T2-43", "330100", 2024, new BigDecimal("13200.000000"), new BigDecimal("1100.000000"), null,
                    "yuan per person per year", "W", "published", ">14000", false),
            new PublishedIndicator("T2-02", "330102", 2024, new BigDecimal("0.150000"), new BigDecimal("30.000000"),
                    new BigDecimal("202000.000000"), "places per 1000", "A", "published", "3.5以上", false),
            new PublishedIndicator("S-02/低保 <&>", "330102", 2024, null, null, null, "10 000 yuan", "A", "C", null, null),
            new PublishedIndicator("T2-03", "330105", 2023, new BigDecimal("66.666667"), new BigDecimal("2.000000"),
                    new BigDecimal("3.000000"), "%", "A", "C", ">95", true));

    @Test
    void anExcelReaderReadsBackEveryCellWithItsTypeAndNumberFormat() throws Exception {
        byte[] workbook = written();
        try (ReadableWorkbook read = new ReadableWorkbook(new ByteArrayInputStream(workbook),
                new ReadingOptions(true, false))) {
            assertThat(read.getSheets().map(Sheet::getName)).containsExactly(IndicatorWorkbook.VALUES_SHEET, IndicatorWorkbook.NOTES_SHEET);
            List<Row> rows = read.getFirstSheet().read();
            assertThat(rows).hasSize(ROWS.size() + 1);
            assertThat(rows.get(0).stream().map(Cell::getText)).containsExactlyElementsOf(IndicatorExport.COLUMNS);

            Row city = rows.get(1);
            assertThat(city.getCellAsString(0)).contains("T2-43");
            assertThat(city.getCell(2).getType()).isEqualTo(CellType.NUMBER);
            assertThat(city.getCellAsNumber(2)).contains(new BigDecimal("2024"));
            assertThat(city.getCell(2).getDataFormatString()).isEqualTo("0");
            assertThat(city.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("13200");
            assertThat(city.getCell(3).getDataFormatString()).isEqualTo("#,##0");
            assertThat(city.getOptionalCell(5).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
            assertThat(city.getCell(10).getType()).isEqualTo(CellType.BOOLEAN);
            assertThat(city.getCellAsBoolean(10)).contains(false);

            Row district = rows.get(2);
            assertThat(district.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("0.15");
            assertThat(district.getCell(3).getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(district.getCellAsNumber(5).orElseThrow()).isEqualByComparingTo("202000");
            assertThat(district.getCellAsString(9)).contains("3.5以上");

            Row withheld = rows.get(3);
            assertThat(withheld.getCellAsString(0)).contains("S-02/低保 <&>");
            assertThat(withheld.getCellAsString(8)).contains("C");
            assertThat(withheld.getOptionalCell(3).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
            assertThat(withheld.getOptionalCell(10).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);

            Row unsuppressed = rows.get(4);
            assertThat(unsuppressed.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("66.666667");
            assertThat(unsuppressed.getCell(3).getDataFormatString()).isEqualTo("#,##0.000000");
            assertThat(unsuppressed.getCellAsBoolean(10)).contains(true);

            List<Row> notes = read.findSheet(IndicatorWorkbook.NOTES_SHEET).orElseThrow().read();
            assertThat(notes.stream().map(row -> row.getCellText(0))).contains("quality_status X", "disclosure_status D", "selection");
            assertThat(notes.get(notes.size() - 1).getCellText(1)).isEqualTo("--published");
        }
    }

    @Test
    void theHeaderRowIsFrozenFilteredAndTheColumnsFitTheirContent() throws Exception {
        String sheet = part(written(), "xl/worksheets/sheet1.xml");
        assertThat(sheet).containsPattern("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"");
        assertThat(sheet).contains("<autoFilter ref=\"A1:K5\"");
        // indicator_id: "S-02/低保 <&>" is 11 characters, two of them Chinese, so 13 wide, plus 2
        assertThat(sheet).containsPattern("<col min=\"1\" max=\"1\" width=\"15[.0]*\"");
        assertThat(IndicatorWorkbook.displayWidth("3.5以上")).isEqualTo(7);
        assertThat(IndicatorWorkbook.numberFormat(new BigDecimal("85.120000"))).isEqualTo("#,##0.00");
        assertThat(IndicatorWorkbook.numberFormat(new BigDecimal("1E+3"))).isEqualTo("#,##0");
    }

    private static byte[] written() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IndicatorWorkbook.write(out, ROWS, "--published");
        return out.toByteArray();
    }

    /** Through the central directory, as Excel reads it (opczip's local headers leave sizes to the data descriptor). */
    private static String part(byte[] workbook, String name) throws Exception {
        Path file = Files.createTempFile("workbook", ".xlsx");
        try {
            Files.write(file, workbook);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry(name);
                assertThat(entry).as(name).isNotNull();
                return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(file);
        }
    }
}
