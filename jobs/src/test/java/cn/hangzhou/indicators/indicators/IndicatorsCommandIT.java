package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.IndicatorFixture.A;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.YEAR;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.command;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import cn.hangzhou.indicators.testing.SilverFixtures;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compute}, {@code export} and {@code show} through the command line on Delta tables of the fixture. */
class IndicatorsCommandIT {

    private static final String CITY = District.CITY_CODE;

    @TempDir
    Path folder;

    @Test
    void computeRecomputesOnlyWhatChangedAndExportWritesWhatExcelReads() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path warehouse = folder.resolve("warehouse");
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        SilverFixtures silver = IndicatorFixture.withDeliveryOutcomes(spark);
        silver.write(layout);
        String[] location = {"--warehouse", warehouse.toString(), "--landing", folder.resolve("landing").toString()};

        assertThat(IndicatorsCommand.execute(command("compute", location))).isEqualTo(0);

        // every year found in silver: 2023 (a death, a roll, a payment), 2024, 2025 (an elderly check)
        List<Row> stored = spark.read().format("delta").load(layout.indicatorValues()).collectAsList();
        assertThat(stored).extracting(row -> row.<Integer>getAs("year")).containsOnly(2023, 2024, 2025);
        Row lastCommit = DeltaTable.forPath(spark, layout.indicatorValues()).history(1).collectAsList().get(0);
        String commitMetadata = lastCommit.getAs("userMetadata");
        List<Row> runs = spark.read().format("delta").load(layout.runs()).where("command = 'compute'").collectAsList();
        assertThat(runs).hasSize(1);
        String runId = runs.get(0).getAs("run_id");
        assertThat(commitMetadata).contains(runId);
        assertThat(stored).extracting(row -> row.<String>getAs("run_id")).containsOnly(runId);

        // quality: payments warned, disability rejected (worse than the payments' warning), the rest passed
        assertThat(stored(stored, "T2-03", A).<String>getAs("quality_status")).isEqualTo("A");
        assertThat(stored(stored, "S-02/低保", A).<String>getAs("quality_status")).isEqualTo("W");
        assertThat(stored(stored, "T2-44", A).<String>getAs("quality_status")).isEqualTo("X");
        assertThat(stored(stored, "T2-09a", CITY).<String>getAs("quality_status")).isEqualTo("X");

        // read back from Delta: no withheld small count follows from the published cells, and the numbers are decimals
        List<PublishedIndicator> published = IndicatorRunner.readPublished(spark, layout, null);
        assertThat(published).extracting(PublishedIndicator::disclosureStatus).contains("C");
        assertThat(PublishedTableAudit.exposures(published, IndicatorRunner.readValues(spark, layout, null),
                IndicatorCatalogue.load(ProjectFiles.home()))).isEmpty();
        assertThat(spark.read().format("delta").load(layout.publishedIndicators()).schema().apply("value").dataType().typeName())
                .isEqualTo("decimal(24,6)");

        long valuesVersion = version(spark, layout.indicatorValues());
        long publishedVersion = version(spark, layout.publishedIndicators());
        assertThat(IndicatorsCommand.execute(command("compute", location))).isEqualTo(0);
        assertThat(version(spark, layout.indicatorValues())).as("no change, no new version").isEqualTo(valuesVersion);
        assertThat(version(spark, layout.publishedIndicators())).isEqualTo(publishedVersion);

        // a corrected population of 2024 (A has 2000 persons per age): only 2024 is recomputed and replaced
        SilverFixtures corrected = new SilverFixtures(spark).fromDelivery("population-2024-corrected");
        for (int age = 0; age <= 100; age++) {
            corrected.population(YEAR, A, age, 2000).population(YEAR, IndicatorFixture.B, age, 500);
        }
        corrected.write(layout);
        assertThat(IndicatorsCommand.execute(command("compute", location, "--years", "2024"))).isEqualTo(0);
        assertThat(version(spark, layout.indicatorValues())).isEqualTo(valuesVersion + 1);
        List<Row> recomputed = spark.read().format("delta").load(layout.indicatorValues()).collectAsList();
        // T2-02 A: 30 places per 202 000 residents
        assertThat(stored(recomputed, "T2-02", A).<Double>getAs("denominator")).isEqualTo(202_000.0);
        assertThat(recomputed).filteredOn(row -> row.<Integer>getAs("year") == 2023)
                .extracting(row -> row.<String>getAs("run_id")).containsOnly(runId);
        assertThat(recomputed).filteredOn(row -> row.<Integer>getAs("year") == YEAR)
                .extracting(row -> row.<String>getAs("run_id")).doesNotContain(runId);

        Path csv = folder.resolve("out/indicators.csv");
        assertThat(IndicatorsCommand.execute(command("export", location, "--out", csv.toString(), "--years", "2024"))).isEqualTo(0);
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("indicator_id,district_code,year,value,numerator,denominator,unit,quality_status,"
                + "disclosure_status,target_2025,target_met\r\n" + "T2-02,330100,2024,");
        // numerator 2 (persons) is a small cell; deaths below 20 withhold life expectancy; a rejected delivery is X;
        // standards are not counts; spending is published with the payments' warning
        assertThat(text.split("\r\n")).contains(
                "T2-03,330102,2024,,,,%,A,C,>95,",
                "T2-20,330102,2024,,,,years,A,C,83.88,",
                "T2-44,330105,2024,,,,%,X,X,>99,",
                "T2-43,330100,2024,13200,1100,,yuan per person per year,W,published,>14000,false",
                "S-02/低保,330102,2024,0.655,6550,,10 000 yuan,W,published,,",
                // 30 places per 202 000 residents = 0.148515 per 1000, published rounded to 2 decimals
                "T2-02,330102,2024,0.15,30,202000,places per 1000,A,published,3.5以上,false");
        assertThat(text).doesNotContain(",2023,");

        Path xlsx = folder.resolve("out/indicators.xlsx");
        assertThat(IndicatorsCommand.execute(command("export", location, "--out", xlsx.toString(), "--format", "xlsx", "--all")))
                .isEqualTo(0);
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<org.dhatim.fastexcel.reader.Row> sheet = workbook.getFirstSheet().read();
            assertThat(sheet.get(0).stream().map(Cell::getText)).containsExactlyElementsOf(IndicatorExport.COLUMNS);
            // unsuppressed: T2-03 in A is 2 of 3 (its status stays C, as publication would give it)
            org.dhatim.fastexcel.reader.Row unsuppressed = sheet.stream().filter(row -> row.getCellText(0).equals("T2-03") && row.getCellText(1).equals(A)
                    && row.getCellAsNumber(2).orElseThrow().intValue() == YEAR).findFirst().orElseThrow();
            assertThat(unsuppressed.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("66.666667");
            assertThat(unsuppressed.getCellAsNumber(4).orElseThrow()).isEqualByComparingTo("2");
            assertThat(unsuppressed.getCellText(8)).isEqualTo("C");
            assertThat(sheet.stream().map(row -> row.getCellText(2))).contains("2023");
            assertThat(workbook.findSheet("notes").orElseThrow().read().stream().map(row -> row.getCellText(1)))
                    .anyMatch(note -> note.startsWith("--all"));
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(IndicatorsCommand.execute(command("show", location, "--year", "2024"))).isEqualTo(0);
        } finally {
            System.setOut(standardOut);
        }
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("Indicators 2024").contains("S-02/低保").containsPattern("T2-43 .* >14000 +13200\\.00 W +no ");
    }


    private static Row stored(List<Row> rows, String id, String district) {
        return rows.stream().filter(row -> row.getAs("indicator_id").equals(id) && row.getAs("district_code").equals(district)
                && row.<Integer>getAs("year") == YEAR).findFirst().orElseThrow();
    }

    private static long version(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).collectAsList().get(0).<Long>getAs("version");
    }
}
