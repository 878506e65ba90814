package cn.hangzhou.indicators.quality;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The report of one gate run, as Markdown and HTML: the deliveries with their counts and status, then each
 * delivery's failed rules with counts and example locations ({@code file:row}). It names files, rules and rows,
 * never values, so no ID number or name can appear in it.
 */
public final class QualityReport {

    private QualityReport() {
    }

    /** Writes {@code quality-<run_id>.md} and {@code .html} under {@code reportsFolder}; returns the Markdown path. */
    public static String write(QualityRun run, String reportsFolder, Configuration hadoop) {
        String base = reportsFolder + "/quality-" + run.runId();
        writeText(base + ".md", markdown(run), hadoop);
        writeText(base + ".html", html(run), hadoop);
        return base + ".md";
    }

    public static String markdown(QualityRun run) {
        StringBuilder out = new StringBuilder();
        out.append("# Quality gate run ").append(run.runId()).append("\n\n");
        out.append("Checked at ").append(run.checkedAt()).append(": ").append(run.outcomes().size()).append(" deliveries, ")
                .append(count(run, QualityStatus.PASSED)).append(" passed, ").append(count(run, QualityStatus.WARNED))
                .append(" warned, ").append(count(run, QualityStatus.REJECTED)).append(" rejected.\n\n");
        if (!run.failedExtracts().isEmpty()) {
            out.append("Not checked (see the log; checked again next run): ").append(String.join(", ", run.failedExtracts())).append("\n\n");
        }
        out.append("| delivery | extract | period | rows | accepted | quarantined | status |\n|---|---|---|---:|---:|---:|---|\n");
        for (DeliveryOutcome outcome : run.outcomes()) {
            Delivery delivery = outcome.delivery();
            out.append("| ").append(md(delivery.sourceName())).append(" | ").append(md(delivery.extract())).append(" | ")
                    .append(md(delivery.period())).append(" | ").append(outcome.rows()).append(" | ").append(outcome.acceptedRows())
                    .append(" | ").append(outcome.quarantinedRows()).append(" | ").append(outcome.status().label()).append(" |\n");
        }
        for (DeliveryOutcome outcome : run.outcomes()) {
            List<RuleResult> failures = outcome.failures();
            if (failures.isEmpty()) {
                continue;
            }
            out.append("\n## ").append(md(outcome.delivery().sourceName())).append(" (").append(outcome.status().label()).append(")\n\n");
            out.append("| rule | severity | failing rows | metric | message | examples |\n|---|---|---:|---:|---|---|\n");
            for (RuleResult failure : failures) {
                out.append("| ").append(md(failure.rule())).append(" | ").append(failure.severity().label()).append(" | ")
                        .append(failure.failingRows()).append(" | ").append(metric(failure.metric())).append(" | ")
                        .append(md(failure.message())).append(" | ").append(md(String.join(", ", failure.exampleLocations()))).append(" |\n");
            }
        }
        return out.toString();
    }

    public static String html(QualityRun run) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quality gate run ")
                .append(escape(run.runId())).append("</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #999;padding:2px 6px}.rejected{color:#b00}.warned{color:#a60}</style></head><body>\n");
        out.append("<h1>Quality gate run ").append(escape(run.runId())).append("</h1>\n<p>Checked at ").append(escape(run.checkedAt().toString()))
                .append(": ").append(run.outcomes().size()).append(" deliveries, ").append(count(run, QualityStatus.PASSED))
                .append(" passed, ").append(count(run, QualityStatus.WARNED)).append(" warned, ")
                .append(count(run, QualityStatus.REJECTED)).append(" rejected.</p>\n");
        if (!run.failedExtracts().isEmpty()) {
            out.append("<p>Not checked (see the log; checked again next run): ").append(escape(String.join(", ", run.failedExtracts()))).append("</p>\n");
        }
        out.append("<table><tr><th>delivery</th><th>extract</th><th>period</th><th>rows</th><th>accepted</th><th>quarantined</th><th>status</th></tr>\n");
        for (DeliveryOutcome outcome : run.outcomes()) {
            Delivery delivery = outcome.delivery();
            out.append("<tr><td>").append(escape(delivery.sourceName())).append("</td><td>").append(escape(delivery.extract()))
                    .append("</td><td>").append(escape(delivery.period())).append("</td><td>").append(outcome.rows()).append("</td><td>")
                    .append(outcome.acceptedRows()).append("</td><td>").append(outcome.quarantinedRows()).append("</td><td class=\"")
                    .append(outcome.status().label()).append("\">").append(outcome.status().label()).append("</td></tr>\n");
        }
        out.append("</table>\n");
        for (DeliveryOutcome outcome : run.outcomes()) {
            List<RuleResult> failures = outcome.failures();
            if (failures.isEmpty()) {
                continue;
            }
            out.append("<h2>").append(escape(outcome.delivery().sourceName())).append(" (").append(outcome.status().label()).append(")</h2>\n")
                    .append("<table><tr><th>rule</th><th>severity</th><th>failing rows</th><th>metric</th><th>message</th><th>examples</th></tr>\n");
            for (RuleResult failure : failures) {
                out.append("<tr><td>").append(escape(failure.rule())).append("</td><td>").append(failure.severity().label())
                        .append("</td><td>").append(failure.failingRows()).append("</td><td>").append(metric(failure.metric()))
                        .append("</td><td>").append(escape(failure.message())).append("</td><td>")
                        .append(escape(String.join(", ", failure.exampleLocations()))).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    /** HTML text with the five special characters escaped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String md(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static String metric(Double value) {
        return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, "%.4g", value);
    }

    private static long count(QualityRun run, QualityStatus status) {
        return run.outcomes().stream().filter(outcome -> outcome.status() == status).count();
    }

    private static void writeText(String location, String text, Configuration hadoop) {
        Path path = new Path(location);
        try {
            if (path.toUri().getScheme() == null || "file".equals(path.toUri().getScheme())) {
                // Hadoop's local file system would leave a .crc file beside each report
                java.nio.file.Path file = java.nio.file.Path.of(path.toUri().getPath());
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            }
            FileSystem fileSystem = path.getFileSystem(hadoop);
            try (OutputStream out = fileSystem.create(path, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quality report " + location, e);
        }
    }
}
