package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whitelist grammar of catalogue conditions: the shipped ones pass, anything that could leave the condition does not. */
class SqlConditionTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "service_type = '03'", "receives_poverty_assistance", "h.grade IN ('1', '2')",
            "substr(upper(trim(underlying_cause)), 1, 3) BETWEEN 'I00' AND 'I99'\nOR substr(upper(trim(underlying_cause)), 1, 3)"
                    + " BETWEEN 'C00' AND 'C97'",
            "NOT (a <> 1 AND b >= 2.5) OR c IS NOT NULL", "name LIKE '张%'", "x NOT IN (1, 2)", "coalesce(a, 0) != 3",
            "flag IS FALSE", "(a = 'b')"})
    void acceptsConditionsOverColumnsAndLiterals(String condition) {
        assertThat(SqlCondition.check(condition)).isEqualTo(condition);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true; DROP TABLE silver.deaths", "true -- comment", "true /* c */", "`service_type` = '03'",
            "a = \"03\"", "a = 1 + 1", "a IN (SELECT person_key FROM bronze.residents)", "exists(x)",
            "reflect('java.lang.System', 'exit', 1)", "a = '03", "a = 'x\\' OR 1=1 --'", "a = b = c", "select = 1",
            "a IN ()", "a BETWEEN 1", "(a = 1", "a = 1)", "", "  ", "a =", "a ＝ 1", "t.a.b = 1", "a IS 3", "a LIKE b"})
    void refusesAnythingElse(String condition) {
        assertThatThrownBy(() -> SqlCondition.check(condition)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRefusalSaysWhatAndWhere() {
        assertThatThrownBy(() -> SqlCondition.check("true; DROP TABLE t"))
                .hasMessage("character ';' at character 5 of \"true; DROP TABLE t\" is not allowed in a condition");
        assertThatThrownBy(() -> SqlCondition.check("a IN (SELECT b FROM t)"))
                .hasMessageContaining("an IN list holds only 'text' and number literals, found 'SELECT' at character 7");
        assertThatThrownBy(() -> SqlCondition.check("lower(a) = rand()"))
                .hasMessageContaining("function 'rand' is not allowed");
    }
}
