package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.IndicatorFixture.A;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.command;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.lineage.IndicatorLineage;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.quality.QualityTables;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} through the command line on the Delta tables of {@link IndicatorFixture}: the site's pages, what a
 * withheld cell shows, no person key anywhere, and the pages loaded in headless Chromium (required where
 * {@code INDICATORS_REQUIRE_CHROMIUM} is set, as {@code .ci/run} does; skipped elsewhere without Chromium).
 */
class ReportIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("INDICATORS_CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    Path folder;

    @Test
    void theReportShowsEveryAreaWithMarkersExplainsEveryValueAndDrawsItsCharts() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path warehouse = folder.resolve("warehouse");
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        IndicatorFixture.withDeliveryOutcomes(spark).write(layout);
        java.sql.Timestamp checkedAt = java.sql.Timestamp.valueOf("2025-01-05 02:00:00");
        List<Row> results = List.of(RowFactory.create(IndicatorFixture.PAYMENTS_DELIVERY, "payments.csv", "payments", "2024",
                "monthly_standard_present", "warn", "failed", 0.05, 1L, "1 payment without monthly standard",
                List.of("payments.csv row 3"), "run-q", checkedAt));
        spark.createDataFrame(results, QualityTables.CHECK_RESULTS).write().format("delta").save(layout.quality("check_results"));
        String[] location = {"--warehouse", warehouse.toString(), "--landing", folder.resolve("landing").toString()};
        assertThat(IndicatorsCommand.execute(command("compute", location))).isEqualTo(0);

        Path site = folder.resolve("report");
        assertThat(IndicatorsCommand.execute(command("report", location, "--year", "2024", "--out", site.toString()))).isEqualTo(0);

        String index = Files.readString(site.resolve("index.html"));
        ReferenceData reference = ProjectFiles.reference();
        assertThat(index).contains("<tr data-district=\"" + District.CITY_CODE + "\">");
        for (District district : reference.districts()) {
            assertThat(index).contains("<tr data-district=\"" + district.code() + "\"><th class=\"area\">" + district.nameZh());
        }
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(ProjectFiles.home());
        java.util.regex.Matcher links = java.util.regex.Pattern.compile("<th title=\"[^\"]*\"><a href=\"(indicators/[^\"]+)\">([^<]+)</a>")
                .matcher(index);
        List<String> linked = new ArrayList<>();
        while (links.find()) {
            assertThat(site.resolve(links.group(1))).isRegularFile();
            linked.add(links.group(2));
        }
        assertThat(linked).containsExactlyElementsOf(catalogue.reportedIds());
        // S-02/低保 has its own page under a file-safe name; its published city value links to its explanation
        assertThat(site.resolve("indicators/S-02_2f__4f4e__4fdd_.html")).isRegularFile();
        assertThat(Files.size(site.resolve("assets/chart.umd.js"))).isGreaterThan(100_000);

        // T2-21 in A: 2 of 6, a small cell: withheld everywhere, and its page gives no counts
        assertThat(index).containsPattern("<td class=\"q-A d-C\"><a href=\"cells/T2-21-" + A + ".html\"><span class=\"withheld\">C</span>");
        // 330106 has no data at all: its published rows have no value, shown as a dash
        assertThat(index).contains("<a href=\"cells/T2-43-" + IndicatorFixture.EMPTY_DISTRICT + ".html\"><span class=\"no-value\">–</span>");
        String withheld = Files.readString(site.resolve("cells/T2-21-" + A + ".html"));
        assertThat(withheld).contains("withheld (disclosure status C)").contains("insurance-2024").doesNotContain("<th>rows</th>");
        // T2-43 for the city: 13200 published with the payments' warning, the target >14000 not met, the rule not passed listed
        assertThat(index).containsPattern("<td class=\"q-W d-published\"><a href=\"cells/T2-43-330100.html\">13200</a>"
                + "<sup class=\"marker\"[^>]*>W</sup> <span class=\"not-met\"");
        String spending = Files.readString(site.resolve("cells/T2-43-330100.html"));
        assertThat(spending).contains("<dd>13200 yuan per person per year</dd>").contains("monthly_standard_present")
                .contains("<dd>&gt;14000: not met</dd>");
        assertThat(Files.readString(site.resolve("quality.html"))).contains("monthly_standard_present")
                .contains("1 payment without monthly standard");

        // nothing restricted beyond the explanation: no person key of the lineage rows in any page
        List<String> personKeys = spark.read().format("delta").load(layout.lineage(IndicatorLineage.ROWS_TABLE))
                .where("person_key IS NOT NULL").select("person_key").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(personKeys).isNotEmpty();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path page : files.filter(path -> path.toString().endsWith(".html")).toList()) {
                String text = Files.readString(page);
                assertThat(personKeys).as(page.toString()).noneMatch(text::contains);
            }
        }

        boolean required = System.getenv("INDICATORS_REQUIRE_CHROMIUM") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            assertThat(required).as("INDICATORS_REQUIRE_CHROMIUM is set but " + CHROMIUM + " is not installed").isFalse();
            Assumptions.abort("no Chromium at " + CHROMIUM + ": the pages were not loaded in a browser");
        }
        Loaded overview = load(site.resolve("index.html"));
        assertThat(overview.errors()).isEmpty();
        assertThat(overview.dom()).contains("data-charts-drawn=\"0\"").doesNotContain("data-errors");
        for (District district : reference.districts()) {
            assertThat(overview.dom()).contains("data-district=\"" + district.code() + "\"");
        }
        Loaded indicatorPage = load(site.resolve("indicators/T2-43.html"));
        assertThat(indicatorPage.errors()).isEmpty();
        assertThat(indicatorPage.dom()).contains("data-charts-drawn=\"2\"").doesNotContain("data-errors")
                .containsPattern("data-chart=\"districts\"[^>]*data-drawn=\"true\"");
        Loaded quality = load(site.resolve("quality.html"));
        assertThat(quality.errors()).isEmpty();
        // the fixture has check results but no metrics history: one chart, and a sentence for the other
        assertThat(quality.dom()).contains("data-charts-drawn=\"1\"").contains("No metrics history yet");
        Loaded cell = load(site.resolve("cells/T2-43-330100.html"));
        assertThat(cell.errors()).isEmpty();
        assertThat(cell.dom()).doesNotContain("data-errors");
    }

    /** The DOM after the page's scripts ran, and the console errors Chromium logged. */
    private record Loaded(String dom, List<String> errors) {
    }

    private Loaded load(Path page) throws IOException, InterruptedException {
        Path log = Files.createTempFile(folder, "chromium", ".log");
        Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + folder.resolve("chromium-profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
                .redirectError(log.toFile()).start();
        byte[] dom = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // console messages are logged as CONSOLE(line) "message"; failed loads as net::ERR_...
            if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("rror")) || line.contains("net::ERR_FILE_NOT_FOUND")) {
                errors.add(line);
            }
        }
        return new Loaded(new String(dom, StandardCharsets.UTF_8), errors);
    }
}
