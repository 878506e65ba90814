package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeAndExportTest {

    @Test
    void ageGoesUpOnTheBirthdayAnd29FebruaryBirthdaysOn1MarchInOtherYears() {
        assertThat(IndicatorComputation.completedYears(LocalDate.of(2021, 12, 31), LocalDate.of(2024, 12, 31))).isEqualTo(3);
        assertThat(IndicatorComputation.completedYears(LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31))).isEqualTo(2);
        assertThat(IndicatorComputation.completedYears(LocalDate.of(2020, 2, 29), LocalDate.of(2023, 2, 28))).isEqualTo(2);
        assertThat(IndicatorComputation.completedYears(LocalDate.of(2020, 2, 29), LocalDate.of(2023, 3, 1))).isEqualTo(3);
        assertThat(IndicatorComputation.completedYears(LocalDate.of(2020, 2, 29), LocalDate.of(2024, 2, 29))).isEqualTo(4);
        assertThat(IndicatorComputation.completedYears(LocalDate.of(2025, 1, 1), LocalDate.of(2024, 12, 31))).isEqualTo(-1);
    }

    @Test
    void numbersKeepSixDecimalsWithoutExponentOrTrailingZeros() {
        assertThat(IndicatorExport.number(200.0 / 3)).isEqualTo("66.666667");
        assertThat(IndicatorExport.number(0.0001)).isEqualTo("0.0001");
        assertThat(IndicatorExport.number(13200.0)).isEqualTo("13200");
        assertThat(IndicatorExport.number(0.0)).isEqualTo("0");
        assertThat(IndicatorExport.number((Double) null)).isEmpty();
        assertThat(IndicatorExport.number(new java.math.BigDecimal("85.120000"))).isEqualTo("85.12");
    }

    @Test
    void theCsvHasAByteOrderMarkCrlfAndQuotesOnlyWhereNeeded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IndicatorExport.writeCsv(out, List.of(
                new PublishedIndicator("T2-43", "330100", 2024, new java.math.BigDecimal("13200.00"), new java.math.BigDecimal("1100.000000"), null, "yuan per person per year", "W",
                        "published", ">14000", false),
                new PublishedIndicator("S-02/低保", "330102", 2024, null, null, null, "10 000 yuan", "A", "C", null, null)));
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("indicator_id,district_code,year,value,numerator,denominator,unit,quality_status,"
                + "disclosure_status,target_2025,target_met\r\n"
                + "T2-43,330100,2024,13200,1100,,yuan per person per year,W,published,>14000,false\r\n"
                + "S-02/低保,330102,2024,,,,10 000 yuan,A,C,,\r\n");
    }
}
