package cn.hangzhou.indicators.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityReportTest {

    @Test
    void htmlEscapesEveryTextAndMarkdownKeepsTablesIntact() {
        Delivery delivery = new Delivery("f1", "payments_<202401>&.csv", "payments", "202401", null);
        RuleResult result = new RuleResult(delivery, "mean_amount", Severity.WARN, false, 12345.0, 0,
                "mean \"amount\" > 10000 | 'too high'", List.of(delivery.location(7)));
        QualityRun run = new QualityRun("20261129T000000Z-abcdef", Instant.parse("2026-11-29T00:00:00Z"),
                List.of(new DeliveryOutcome(delivery, 10, 0, QualityStatus.WARNED, List.of(result))), List.of());

        String html = QualityReport.html(run);
        assertThat(html).contains("payments_&lt;202401&gt;&amp;.csv", "mean &quot;amount&quot; &gt; 10000 | &#39;too high&#39;",
                "payments_&lt;202401&gt;&amp;.csv:7").doesNotContain("<202401>", "\"amount\"");
        String markdown = QualityReport.markdown(run);
        assertThat(markdown).contains("mean \"amount\" > 10000 \\| 'too high'", "| payments_<202401>&.csv | payments | 202401 | 10 | 10 | 0 | warned |");
    }
}
