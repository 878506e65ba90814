package cn.hangzhou.indicators.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statisticians' statements: queries pass, the restricted zone cannot be named, reached by path or configured back. */
class SqlQueryTest {

    private static final List<NamedTable> TABLES = List.of(new NamedTable("silver.deaths", "analytics/silver/deaths", false),
            new NamedTable("gold.published_indicators", "analytics/gold/published_indicators", false),
            new NamedTable("gold.indicator_values", "restricted/gold/indicator_values", true),
            new NamedTable("bronze.residents", "restricted/bronze/residents", true));

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM gold.indicator_values", "SELECT * FROM `gold`.`indicator_values`",
            "SELECT * FROM gold/**/.indicator_values", "SELECT * FROM gold /* a /* nested */ comment */ . indicator_values",
            "SELECT * FROM gold -- comment\n.indicator_values", "select * from GOLD.Indicator_Values",
            "SELECT * FROM spark_catalog.bronze.residents", "SELECT * FROM `gold.indicator_values`",
            "SELECT * FROM \"bronze\".\"residents\"", "SELECT * FROM `bron``ze`.residents UNION SELECT * FROM bronze.`residents`",
            "SELECT * FROM silver.deaths WHERE 1 = (SELECT count(*) FROM bronze.residents)"})
    void aRestrictedTableIsRefusedHoweverItIsWritten(String statement) {
        assertThatThrownBy(() -> SqlQuery.check(statement, TABLES))
                .isInstanceOf(SqlQuery.RestrictedTableException.class).hasMessageContaining("is in the restricted zone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET spark.sql.runSQLOnFiles=true", "/* hidden */ set spark.sql.runSQLOnFiles = true", "RESET",
            "CREATE TEMPORARY VIEW v USING delta OPTIONS (path '/w/x')", "CREATE TABLE t USING parquet LOCATION '/w'",
            "WITH x AS (SELECT 1) INSERT INTO silver.deaths SELECT * FROM x", "ADD JAR /tmp/x.jar",
            "SELECT reflect('java.lang.System', 'getenv', 'HOME')", "SELECT java_method('java.lang.System', 'exit', 1)",
            "DELETE FROM silver.deaths", "VACUUM silver.deaths RETAIN 0 HOURS", "(SELECT 1); DROP TABLE silver.deaths"})
    void aStatementThatCouldChangeTheSessionOrTheTablesIsRefused(String statement) {
        assertThatThrownBy(() -> SqlQuery.check(statement, TABLES))
                .isInstanceOf(SqlQuery.RestrictedTableException.class).hasMessageContaining("only queries run without --restricted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM delta.`/w/restricted/bronze/residents`", "DESCRIBE HISTORY '/w/restricted/bronze/residents'",
            "DESCRIBE DETAIL 'restricted/gold/indicator_values'", "SELECT * FROM parquet.`C:\\\\w\\\\Restricted\\\\bronze`"})
    void aPathIntoTheRestrictedZoneIsRefused(String statement) {
        assertThatThrownBy(() -> SqlQuery.check(statement, TABLES))
                .isInstanceOf(SqlQuery.RestrictedTableException.class).hasMessageContaining("is a path into the restricted zone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM silver.deaths", "SELECT * FROM silver.deaths VERSION AS OF 3",
            "SELECT 'it\\'s -- not a comment', 'gold.indicator_values' AS mentioned FROM gold.published_indicators",
            "SHOW CREATE TABLE silver.deaths", "DESCRIBE HISTORY silver.deaths", "(SELECT 1)", "EXPLAIN SELECT 1",
            "WITH d AS (SELECT * FROM silver.deaths) SELECT count(*) FROM d", "SHOW TABLES IN gold",
            "SELECT last_update, date_add(death_date, 1) FROM silver.deaths", "VALUES (1)", "-- a comment first\nSELECT 1"})
    void queriesOfTheAnalyticsZoneRun(String statement) {
        assertThatCode(() -> SqlQuery.check(statement, TABLES)).doesNotThrowAnyException();
    }

    /** The tables a statement makes the session register: those it names, all of a database it lists. */
    @Test
    void aStatementRegistersTheTablesItNamesAndAListingThoseOfItsDatabase() {
        assertThat(named("SELECT count(*) FROM silver.deaths d JOIN `gold`.`published_indicators` p ON d.year = p.year"))
                .containsExactly("silver.deaths", "gold.published_indicators");
        assertThat(named("SELECT * FROM spark_catalog.silver.deaths VERSION AS OF 2")).containsExactly("silver.deaths");
        assertThat(named("WITH gold AS (SELECT 1) SELECT * FROM gold")).isEmpty();
        assertThat(named("SELECT 'silver.deaths' AS text")).isEmpty();
        assertThat(named("SHOW TABLES IN gold")).containsExactly("gold.published_indicators", "gold.indicator_values");
        assertThat(named("DESCRIBE DATABASE silver")).containsExactly("silver.deaths");
        assertThat(named("DESCRIBE TABLE EXTENDED gold.published_indicators")).containsExactly("gold.published_indicators");
    }

    private static List<String> named(String statement) {
        return SqlQuery.tablesNamedIn(StatementTokens.of(statement), TABLES).stream().map(NamedTable::name).toList();
    }
}
