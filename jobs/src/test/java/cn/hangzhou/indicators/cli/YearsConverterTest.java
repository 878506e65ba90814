package cn.hangzhou.indicators.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class YearsConverterTest {

    private final YearsConverter converter = new YearsConverter();

    @Test
    void aYearARangeAndAListOfBoth() {
        assertThat(converter.convert("2024").values()).containsExactly(2024);
        assertThat(converter.convert("2021-2023").values()).containsExactly(2021, 2022, 2023);
        assertThat(converter.convert("2025,2021-2022").values()).containsExactly(2021, 2022, 2025);
    }

    @Test
    void somethingElseIsABadCommandLine() {
        assertThatThrownBy(() -> converter.convert("2025-2021")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("last")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThat(IndicatorsCommand.execute("compute", "--years", "twenty")).isEqualTo(ExitCodes.USAGE);
    }
}
