package cn.hangzhou.indicators.report;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.indicators.DisclosureControl;
import cn.hangzhou.indicators.indicators.IndicatorExport;
import cn.hangzhou.indicators.indicators.PublishedIndicator;
import cn.hangzhou.indicators.lineage.ValueExplanation;
import cn.hangzhou.indicators.report.ReportData.ExtractOutcome;
import cn.hangzhou.indicators.report.ReportData.PeriodMetric;
import cn.hangzhou.indicators.report.ReportData.ReportIndicator;
import cn.hangzhou.indicators.report.ReportData.RuleResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the indicator report of one year as a static site that works offline: {@code index.html} (the indicator
 * table by area, a quality and a disclosure marker on every cell, the city's target attainment), one page per
 * indicator with its charts ({@code indicators/}), one page per value with its explanation ({@code cells/}),
 * {@code quality.html} with the deliveries' quality and its history, and {@code assets/} (Chart.js from its WebJar,
 * the style sheet and the script that draws the charts). Every page is disclosure-controlled: a withheld value shows
 * its status only, and its explanation lists the deliveries without their row counts.
 */
public final class ReportSite {

    static final String CHART_LIBRARY = "/META-INF/resources/webjars/chart.js/" + chartVersion() + "/dist/chart.umd.js";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReportData data;
    private final Map<String, PublishedIndicator> byCell = new HashMap<>();

    public ReportSite(ReportData data) {
        this.data = data;
        data.published().forEach(row -> byCell.put(ReportData.cellKey(row.indicatorId(), row.districtCode(), row.year()), row));
    }

    /** Writes the site into {@code folder} (created if needed) and returns the number of pages written. */
    public int write(Path folder) {
        try {
            Files.createDirectories(folder.resolve("assets"));
            Files.createDirectories(folder.resolve("indicators"));
            Files.createDirectories(folder.resolve("cells"));
            copyResource(CHART_LIBRARY, folder.resolve("assets/chart.umd.js"));
            copyResource("/cn/hangzhou/indicators/report/report.css", folder.resolve("assets/report.css"));
            copyResource("/cn/hangzhou/indicators/report/report.js", folder.resolve("assets/report.js"));
            int pages = 0;
            write(folder.resolve("index.html"), overview());
            pages++;
            write(folder.resolve("quality.html"), quality());
            pages++;
            for (ReportIndicator indicator : data.indicators()) {
                write(folder.resolve("indicators/" + slug(indicator.reportedId()) + ".html"), indicatorPage(indicator));
                pages++;
                for (District area : data.areas()) {
                    ValueExplanation explanation = data.explanations().get(ReportData.cellKey(indicator.reportedId(), area.code(), data.year()));
                    if (explanation != null) {
                        write(folder.resolve("cells/" + cellFile(indicator.reportedId(), area.code())), cellPage(indicator, area, explanation));
                        pages++;
                    }
                }
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + folder, e);
        }
    }

    private String overview() {
        StringBuilder html = page("杭州市公共服务指标 " + data.year() + " · Hangzhou public-service indicators " + data.year(), "");
        html.append("<p class=\"meta\">Published values (disclosure control applied), generated ").append(Html.escape(data.generatedAt()))
                .append(", code ").append(Html.escape(data.codeVersion())).append(". <a href=\"quality.html\">Quality of the deliveries</a>.</p>\n");
        html.append(legend());
        html.append("<div class=\"scroll\"><table class=\"overview\" id=\"overview\">\n<thead><tr><th class=\"area\">area</th>");
        for (ReportIndicator indicator : data.indicators()) {
            html.append("<th title=\"").append(Html.escape(indicator.nameZh() + " / " + indicator.nameEn() + " (" + indicator.unit() + ")"))
                    .append("\"><a href=\"indicators/").append(slug(indicator.reportedId())).append(".html\">")
                    .append(Html.escape(indicator.reportedId())).append("</a></th>");
        }
        html.append("</tr>\n<tr class=\"target\"><th class=\"area\">2025 target</th>");
        for (ReportIndicator indicator : data.indicators()) {
            html.append("<td>").append(Html.escape(nullToDash(indicator.target2025()))).append("</td>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (District area : data.areas()) {
            html.append("<tr data-district=\"").append(area.code()).append("\"><th class=\"area\">").append(Html.escape(area.nameZh()))
                    .append(" <span class=\"en\">").append(Html.escape(area.nameEn())).append("</span></th>");
            for (ReportIndicator indicator : data.indicators()) {
                html.append(cell(indicator, area, "cells/", true));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n");
        return finish(html, "");
    }

    /** One table cell: the value or its withheld status, the markers, a link to the explanation. */
    private String cell(ReportIndicator indicator, District area, String cellsPath, boolean attainment) {
        PublishedIndicator row = byCell.get(ReportData.cellKey(indicator.reportedId(), area.code(), data.year()));
        if (row == null) {
            return "<td class=\"none\">–</td>";
        }
        StringBuilder cell = new StringBuilder("<td class=\"q-").append(Html.escape(row.qualityStatus())).append(" d-")
                .append(Html.escape(row.disclosureStatus())).append("\">");
        boolean hasPage = data.explanations().containsKey(ReportData.cellKey(indicator.reportedId(), area.code(), data.year()));
        if (hasPage) {
            cell.append("<a href=\"").append(cellsPath).append(cellFile(indicator.reportedId(), area.code())).append("\">");
        }
        cell.append(shown(row));
        if (hasPage) {
            cell.append("</a>");
        }
        cell.append("<sup class=\"marker\" title=\"quality ").append(Html.escape(row.qualityStatus())).append(", disclosure ")
                .append(Html.escape(row.disclosureStatus())).append("\">").append(Html.escape(row.qualityStatus()))
                .append(DisclosureControl.PUBLISHED.equals(row.disclosureStatus()) ? "" : "·" + Html.escape(row.disclosureStatus()))
                .append("</sup>");
        if (attainment && District.CITY_CODE.equals(area.code()) && row.targetMet() != null) {
            cell.append(row.targetMet() ? " <span class=\"met\" title=\"2025 target met\">✓</span>"
                    : " <span class=\"not-met\" title=\"2025 target not met\">✗</span>");
        }
        return cell.append("</td>").toString();
    }

    private String indicatorPage(ReportIndicator indicator) {
        String title = indicator.reportedId() + " " + indicator.nameZh();
        StringBuilder html = page(title, "../");
        html.append("<p class=\"en-title\">").append(Html.escape(indicator.nameEn())).append("</p>\n");
        html.append("<p class=\"meta\">unit: ").append(Html.escape(indicator.unit())).append(" · 2020: ")
                .append(Html.escape(nullToDash(indicator.value2020()))).append(" · 2025 target: ")
                .append(Html.escape(nullToDash(indicator.target2025()))).append(" · <a href=\"../index.html\">overview</a></p>\n");

        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (District area : data.areas()) {
            labels.add(area.nameZh());
            PublishedIndicator row = byCell.get(ReportData.cellKey(indicator.reportedId(), area.code(), data.year()));
            values.add(row == null || row.value() == null ? null : row.value().doubleValue());
        }
        Map<String, Object> districts = new LinkedHashMap<>();
        districts.put("type", "districts");
        districts.put("title", data.year() + " by area (" + indicator.unit() + ")");
        districts.put("labels", labels);
        districts.put("values", values);
        districts.put("target", indicator.targetThreshold());
        html.append(chart("districts", districts));

        List<Integer> years = data.years();
        List<Map<String, Object>> series = new ArrayList<>();
        for (District area : data.areas()) {
            List<Double> trend = new ArrayList<>();
            for (int year : years) {
                PublishedIndicator row = byCell.get(ReportData.cellKey(indicator.reportedId(), area.code(), year));
                trend.add(row == null || row.value() == null ? null : row.value().doubleValue());
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("label", area.nameZh());
            line.put("values", trend);
            line.put("city", District.CITY_CODE.equals(area.code()));
            series.add(line);
        }
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("type", "trend");
        trend.put("title", "trend " + years.stream().findFirst().orElse(data.year()) + "-" + years.stream().reduce((a, b) -> b).orElse(data.year()));
        trend.put("labels", years.stream().map(String::valueOf).toList());
        trend.put("series", series);
        trend.put("target", indicator.targetThreshold());
        html.append(chart("trend", trend));

        html.append("<table class=\"values\"><thead><tr><th>area</th>");
        years.forEach(year -> html.append("<th>").append(year).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (District area : data.areas()) {
            html.append("<tr data-district=\"").append(area.code()).append("\"><th>").append(Html.escape(area.nameZh())).append("</th>");
            for (int year : years) {
                PublishedIndicator row = byCell.get(ReportData.cellKey(indicator.reportedId(), area.code(), year));
                html.append(year == data.year() ? cell(indicator, area, "../cells/", true) : plainCell(row));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        return finish(html, "../");
    }

    private static String plainCell(PublishedIndicator row) {
        if (row == null) {
            return "<td class=\"none\">–</td>";
        }
        return "<td class=\"q-" + Html.escape(row.qualityStatus()) + "\">" + shown(row)
                + "<sup class=\"marker\">" + Html.escape(row.qualityStatus()) + "</sup></td>";
    }

    /** The value as shown: the number, its withheld status, or a dash where a published row has no value (nothing to count). */
    private static String shown(PublishedIndicator row) {
        if (row.value() != null) {
            return Html.escape(IndicatorExport.number(row.value()));
        }
        return DisclosureControl.PUBLISHED.equals(row.disclosureStatus()) ? "<span class=\"no-value\">–</span>"
                : "<span class=\"withheld\">" + Html.escape(row.disclosureStatus()) + "</span>";
    }

    private String cellPage(ReportIndicator indicator, District area, ValueExplanation explanation) {
        PublishedIndicator published = byCell.get(ReportData.cellKey(indicator.reportedId(), area.code(), data.year()));
        boolean shown = published != null && published.value() != null;
        StringBuilder html = page(indicator.reportedId() + " · " + area.nameZh() + " · " + data.year(), "../");
        html.append("<p class=\"meta\"><a href=\"../index.html\">overview</a> · <a href=\"../indicators/")
                .append(slug(indicator.reportedId())).append(".html\">").append(Html.escape(indicator.reportedId())).append("</a></p>\n");
        ValueExplanation.Definition definition = explanation.definition();
        html.append("<h2>Definition</h2>\n<dl>")
                .append(term("indicator", definition.nameZh() + " / " + definition.nameEn()))
                .append(term("unit", definition.unit()))
                .append(term("numerator", definition.numerator()))
                .append(term("denominator", definition.denominator()))
                .append(term("SQL", definition.sqlResource() + " (definition version " + definition.definitionVersion() + ")"));
        if (definition.outdated()) {
            html.append(term("note", "the catalogue's definition changed since: version " + definition.currentDefinitionVersion()));
        }
        html.append("</dl>\n<h2>Value</h2>\n<dl>");
        if (shown) {
            html.append(term("value", IndicatorExport.number(published.value()) + " " + definition.unit()))
                    .append(term("numerator", IndicatorExport.number(published.numerator())))
                    .append(term("denominator", IndicatorExport.number(published.denominator())));
        } else {
            html.append(term("value", published == null ? "not published"
                    : DisclosureControl.PUBLISHED.equals(published.disclosureStatus()) ? "no value (nothing to count)"
                    : "withheld (disclosure status " + published.disclosureStatus() + ")"));
        }
        html.append(term("quality status", explanation.qualityStatus()))
                .append(term("disclosure status", explanation.disclosureStatus()))
                .append(term("computed at", explanation.computedAt()));
        if (published != null && published.targetMet() != null) {
            html.append(term("2025 target", indicator.target2025() + (published.targetMet() ? ": met" : ": not met")));
        }
        html.append("</dl>\n<h2>Deliveries behind the value</h2>\n<table class=\"sources\"><thead><tr><th>role</th><th>file</th>")
                .append(shown ? "<th>rows</th>" : "").append("<th>sha256</th><th>first seen</th><th>quality</th></tr></thead><tbody>\n");
        for (ValueExplanation.Source source : explanation.sources()) {
            html.append("<tr><td>").append(Html.escape(source.role())).append("</td><td>")
                    .append(Html.escape(source.fileName() == null ? source.fileId() : source.fileName())).append("</td>")
                    .append(shown ? "<td class=\"number\">" + (source.rows() == null ? "" : source.rows()) + "</td>" : "")
                    .append("<td class=\"hash\">").append(Html.escape(nullToDash(source.sha256()))).append("</td><td>")
                    .append(Html.escape(nullToDash(source.firstSeenAt()))).append("</td><td>")
                    .append(Html.escape(nullToDash(source.qualityStatus()))).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        html.append("<h2>Quality rules</h2>\n<p>").append(explanation.passedResults()).append(" of ")
                .append(explanation.qualityResults().size()).append(" results of these deliveries passed.</p>\n");
        List<ValueExplanation.QualityResult> failed = explanation.qualityResults().stream().filter(result -> !result.passed()).toList();
        if (!failed.isEmpty()) {
            html.append("<table class=\"rules\"><thead><tr><th>file</th><th>rule</th><th>severity</th><th>status</th><th>failing rows</th></tr></thead><tbody>\n");
            for (ValueExplanation.QualityResult result : failed) {
                html.append("<tr><td>").append(Html.escape(result.fileId())).append("</td><td>").append(Html.escape(result.rule()))
                        .append("</td><td>").append(Html.escape(result.severity())).append("</td><td>").append(Html.escape(result.status()))
                        .append("</td><td class=\"number\">").append(result.failingRows() == null ? "" : result.failingRows()).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        ValueExplanation.ComputingRun run = explanation.run();
        html.append("<h2>Run and table versions</h2>\n<p>computed by run <code>").append(Html.escape(nullToDash(run.runId())))
                .append("</code> (").append(Html.escape(nullToDash(run.command()))).append(", ").append(Html.escape(nullToDash(run.startedAt())))
                .append(", code ").append(Html.escape(nullToDash(run.codeVersion()))).append(")</p>\n");
        if (run.tables() != null && !run.tables().isEmpty()) {
            html.append("<table class=\"versions\"><thead><tr><th>table</th><th>version before</th><th>version after</th></tr></thead><tbody>\n");
            for (ValueExplanation.TableVersion table : run.tables()) {
                html.append("<tr><td>").append(Html.escape(table.table())).append("</td><td class=\"number\">")
                        .append(table.versionBefore() == null ? "–" : table.versionBefore()).append("</td><td class=\"number\">")
                        .append(table.versionAfter() == null ? "–" : table.versionAfter()).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        return finish(html, "../");
    }

    private String quality() {
        StringBuilder html = page("Quality of the deliveries " + data.year(), "");
        html.append("<p class=\"meta\"><a href=\"index.html\">overview</a></p>\n<h2>Deliveries of ").append(data.year()).append("</h2>\n")
                .append("<table class=\"outcomes\"><thead><tr><th>extract</th><th>passed</th><th>warned</th><th>rejected</th><th>not checked</th></tr></thead><tbody>\n");
        for (ExtractOutcome outcome : data.quality().outcomes()) {
            html.append("<tr><td>").append(Html.escape(outcome.extract())).append("</td><td class=\"number\">").append(outcome.passed())
                    .append("</td><td class=\"number\">").append(outcome.warned()).append("</td><td class=\"number\">").append(outcome.rejected())
                    .append("</td><td class=\"number\">").append(outcome.notChecked()).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        html.append(historyChart("delivered", "rows delivered by period (metrics history: Size)", data.quality().deliveredRows(),
                "No metrics history yet (analytics/quality/metrics is written by the quality gate)."));
        html.append(historyChart("failing", "rows failing a rule by period", data.quality().failingRows(),
                "No rule has failed on any delivery."));
        html.append("<h2>Rules not passed in ").append(data.year()).append("</h2>\n");
        if (data.quality().notPassed().isEmpty()) {
            html.append("<p>Every rule passed on every delivery of the year.</p>\n");
        } else {
            html.append("<table class=\"rules\"><thead><tr><th>extract</th><th>period</th><th>file</th><th>rule</th><th>severity</th><th>status</th><th>failing rows</th><th>message</th></tr></thead><tbody>\n");
            for (RuleResult result : data.quality().notPassed()) {
                html.append("<tr><td>").append(Html.escape(result.extract())).append("</td><td>").append(Html.escape(result.period()))
                        .append("</td><td>").append(Html.escape(result.fileName())).append("</td><td>").append(Html.escape(result.rule()))
                        .append("</td><td>").append(Html.escape(result.severity())).append("</td><td>").append(Html.escape(result.status()))
                        .append("</td><td class=\"number\">").append(result.failingRows() == null ? "" : result.failingRows())
                        .append("</td><td>").append(Html.escape(nullToDash(result.message()))).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        return finish(html, "");
    }

    /** A trend chart of one figure by extract and period, or a sentence saying why there is none. */
    private static String historyChart(String id, String title, List<PeriodMetric> metrics, String none) {
        return metrics.isEmpty() ? "<p class=\"no-history\">" + Html.escape(none) + "</p>\n" : chart(id, history(title, metrics));
    }

    private static Map<String, Object> history(String title, List<PeriodMetric> metrics) {
        TreeSet<String> periods = new TreeSet<>();
        Map<String, Map<String, Double>> byExtract = new TreeMap<>();
        for (PeriodMetric metric : metrics) {
            periods.add(metric.period());
            byExtract.computeIfAbsent(metric.extract(), extract -> new HashMap<>()).merge(metric.period(), metric.value(), Double::sum);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        byExtract.forEach((extract, values) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("label", extract);
            line.put("values", periods.stream().map(values::get).toList());
            line.put("city", false);
            series.add(line);
        });
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "trend");
        chart.put("title", title);
        chart.put("labels", List.copyOf(periods));
        chart.put("series", series);
        return chart;
    }

    private static String legend() {
        return "<p class=\"legend\">Marker after each value: quality <b>A</b> all checks passed, <b>W</b> warnings, <b>X</b> failed; "
                + "disclosure <b>C</b> small cell withheld, <b>D</b> withheld so that no small cell can be derived, <b>X</b> withheld for "
                + "failed quality. <span class=\"met\">✓</span>/<span class=\"not-met\">✗</span> the city's 2025 target met or not. "
                + "Each value links to its explanation.</p>\n";
    }

    private static String chart(String id, Map<String, Object> spec) {
        try {
            return "<figure class=\"chart\"><canvas id=\"chart-" + id + "\" data-chart=\"" + id + "\"></canvas>"
                    + "<script type=\"application/json\" id=\"data-" + id + "\">" + JSON.writeValueAsString(spec).replace("</", "<\\/")
                    + "</script></figure>\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String term(String name, String value) {
        return "<dt>" + Html.escape(name) + "</dt><dd>" + Html.escape(nullToDash(value)) + "</dd>";
    }

    private static StringBuilder page(String title, String root) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(title)).append("</title>\n<link rel=\"stylesheet\" href=\"").append(root).append("assets/report.css\">\n")
                // before anything else: collects script errors and failed resources into body[data-errors] for tests and readers
                .append("<script>window.reportErrors=[];window.addEventListener('error',function(e){window.reportErrors.push("
                        + "e.message||('failed to load '+((e.target&&(e.target.src||e.target.href))||'a resource')));"
                        + "if(document.body){document.body.dataset.errors=window.reportErrors.join(' | ');}},true);</script>\n")
                .append("</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
    }

    private static String finish(StringBuilder html, String root) {
        return html.append("<script src=\"").append(root).append("assets/chart.umd.js\"></script>\n<script src=\"").append(root)
                .append("assets/report.js\"></script>\n</body>\n</html>\n").toString();
    }

    /** A file-name-safe form of an indicator id: letters, digits and '-' kept, anything else as _hex_. */
    static String slug(String reportedId) {
        StringBuilder slug = new StringBuilder();
        reportedId.codePoints().forEach(point -> {
            if (point < 128 && (Character.isLetterOrDigit(point) || point == '-')) {
                slug.appendCodePoint(point);
            } else {
                slug.append('_').append(Integer.toHexString(point)).append('_');
            }
        });
        return slug.toString();
    }

    static String cellFile(String reportedId, String districtCode) {
        return slug(reportedId) + "-" + districtCode + ".html";
    }

    private static String nullToDash(String text) {
        return text == null || text.isEmpty() ? "–" : text;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = ReportSite.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the classpath (the build puts it there)");
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String chartVersion() {
        try (InputStream in = ReportSite.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
