package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.PipelineCommand;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.spark.agent.OpenLineageSparkListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A pipeline command's run is recorded in ops/runs, marks its Delta commits, and emits OpenLineage events. */
class RunRecordingIT {

    @TempDir
    Path folder;

    /** Writes one small table: enough to show what a run records. */
    @CommandLine.Command(name = "sample-writer")
    static class SampleWriterCommand extends PipelineCommand {
        @Override
        protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
            spark.range(3).toDF("value").write().format("delta").mode(SaveMode.Append)
                    .save(new WarehouseLayout(settings.warehouse()).analyticsRoot() + "/sample");
            return 0;
        }
    }

    @Test
    void aRunIsRecordedWithTableVersionsAndMarksItsCommits() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path warehouse = folder.resolve("warehouse");
        String[] arguments = {"--conf", ProjectFiles.home().resolve("conf/pipeline.yaml").toString(), "--warehouse", warehouse.toString()};

        assertThat(new CommandLine(new SampleWriterCommand()).execute(arguments)).isZero();
        assertThat(new CommandLine(new SampleWriterCommand()).execute(arguments)).isZero();

        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        List<Row> runs = spark.read().format("delta").load(layout.runs()).orderBy("started_at").collectAsList();
        assertThat(runs).hasSize(2);
        Row second = runs.get(1);
        assertThat(second.<String>getAs("command")).isEqualTo("sample-writer");
        assertThat(second.<Integer>getAs("exit_code")).isZero();
        assertThat(second.<String>getAs("configuration_hash")).hasSize(64);
        List<Row> tables = second.getList(second.fieldIndex("tables"));
        Row sample = tables.stream().filter(row -> row.getString(0).equals("analytics/sample")).findFirst().orElseThrow();
        assertThat(sample.getLong(1)).isEqualTo(0L);
        assertThat(sample.getLong(2)).isEqualTo(1L);

        String runId = second.getAs("run_id");
        Row commit = spark.sql("DESCRIBE HISTORY delta.`" + layout.analyticsRoot() + "/sample`").where("version = 1").first();
        assertThat(commit.<String>getAs("userMetadata")).contains(runId);
    }

    @Test
    void openLineageEventsParseAsRunEventsWithTheWrittenDataset() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path events = folder.resolve("events.jsonl");
        SparkConf conf = spark.sparkContext().getConf().clone()
                .set("spark.openlineage.transport.type", "file")
                .set("spark.openlineage.transport.location", events.toString())
                .set("spark.openlineage.namespace", "hangzhou-indicators")
                .set("spark.openlineage.facets.disabled", "[spark_unknown;spark.logicalPlan;debug]");
        OpenLineageSparkListener listener = new OpenLineageSparkListener(conf);
        spark.sparkContext().addSparkListener(listener);
        try {
            String table = folder.resolve("lineage-sample").toString();
            spark.range(5).toDF("value").write().format("delta").mode(SaveMode.Overwrite).save(table);
            spark.read().format("delta").load(table).count();
            // Listeners run on Spark's asynchronous bus: drain it, or the listener is removed before it sees the jobs.
            spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            listener.close();
        }
        assertThat(events).exists();
        List<String> lines = Files.readAllLines(events).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        boolean sawOutput = false;
        for (String line : lines) {
            OpenLineage.RunEvent event = OpenLineageClientUtils.runEventFromJson(line);
            assertThat(event.getRun().getRunId()).isNotNull();
            assertThat(event.getJob().getNamespace()).isEqualTo("hangzhou-indicators");
            // the temporary folder's name (junit + up to 19 random digits) is in the dataset names: not an ID number
            assertThat(line.replace(folder.getFileName().toString(), "folder")).doesNotContainPattern("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");
            sawOutput |= event.getOutputs().stream().anyMatch(output -> output.getName().endsWith("lineage-sample"));
        }
        assertThat(sawOutput).isTrue();
    }
}
