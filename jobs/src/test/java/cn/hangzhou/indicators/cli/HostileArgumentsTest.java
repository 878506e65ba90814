package cn.hangzhou.indicators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Years that are not years (quotes, SQL, comments, other scripts' digits) are refused while the command line is parsed,
 * before a session starts, with the option named and no stack trace. Ids and district codes are checked against the
 * catalogue and the reference list by {@code explain} itself ({@code SqlCommandIT} runs those on a warehouse).
 */
class HostileArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024'; DROP TABLE gold.indicator_values; --", "2024 OR 1=1", "2024`", "2024--", "2024/**/",
            "'2024'", "2024-2025'", "2024,x", "", "2024\n2025", "1e3"})
    void aYearsOptionThatIsNotYearsIsAUsageErrorWithoutATrace(String years) {
        for (String[] command : new String[][] {{"compute", "--years", years}, {"export", "--out", "x.csv", "--years", years},
                {"explain", "--indicator", "T2-03", "--district", "330100", "--year", years}, {"show", "--year", years}}) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = IndicatorsCommand.commandLine();
            commandLine.setOut(new PrintWriter(new StringWriter(), true));
            commandLine.setErr(new PrintWriter(err, true));
            int exitCode = commandLine.execute(command);
            assertThat(exitCode).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(String.join(" ", command)).contains("Invalid value for option '--year")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** {@code --year} is an int, which Java also reads from other scripts' digits (the same year); {@code --years} is strictly ASCII. */
    @ParameterizedTest
    @ValueSource(strings = {"٢٠٢٤", "２０２４", "99999"})
    void aYearsListTakesFourAsciiDigits(String years) {
        assertThat(IndicatorsCommand.execute("compute", "--years", years)).isEqualTo(ExitCodes.USAGE);
        assertThat(IndicatorsCommand.execute("export", "--out", "x.csv", "--years", years)).isEqualTo(ExitCodes.USAGE);
    }
}
