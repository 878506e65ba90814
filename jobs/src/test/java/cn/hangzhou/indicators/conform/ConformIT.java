package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.ExitCodes;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import cn.hangzhou.indicators.testing.BronzeFixtures;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code indicators conform} end to end through the launcher's entry point, with a key file of its own. */
class ConformIT {

    private static final String CHILD = BronzeFixtures.idNumber("330106", "20120517", "002");

    @TempDir
    Path folder;

    private final SparkSession spark = SharedSpark.session();

    @Test
    void conformCreatesTheLocalKeyWritesSilverAndAgainWritesNothing() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        Path keyFile = folder.resolve("keys/pseudonymisation.key");
        Path conf = configuration(keyFile);
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        BronzeFixtures bronze = new BronzeFixtures(spark, layout, ProjectFiles.schemas());
        bronze.deliver("health/residents", "2024", "f-residents-2024", List.of(Map.of("archive_number", "HZ330106000000004",
                "id_number", CHILD, "person_name", "王小明", "sex", "2", "birth_date", "2012-05-17",
                "residence_district", "330106", "household_registration", "1", "archive_opened_date", "2012-06-01",
                "archive_status", "1")));
        bronze.deliver("health/child_checkups", "202403", "f-child-202403", List.of(Map.of("record_id", "CC-1",
                "child_id_number", CHILD, "check_date", "2024-03-05", "facility_code", "F1", "service_type", "03",
                "age_months", "141")));

        assertThat(conform(conf, warehouse)).isEqualTo(ExitCodes.OK);

        assertThat(Files.readString(keyFile).trim()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        Pseudonymiser fromFile = new Pseudonymiser(Files.readString(keyFile).trim().getBytes(StandardCharsets.UTF_8));
        for (String table : List.of("residents", "resident_register", "child_checkups")) {
            List<Row> rows = spark.read().format("delta").load(layout.silver(table)).collectAsList();
            assertThat(rows).as(table).hasSize(1);
            assertThat(rows.get(0).<String>getAs("person_key")).as(table).isEqualTo(fromFile.personKey(CHILD));
        }
        Map<String, Long> before = silverAndState(layout);
        assertThat(before).containsKeys("analytics/silver/residents", "ops/conform_state");

        assertThat(conform(conf, warehouse)).isEqualTo(ExitCodes.OK);
        assertThat(silverAndState(layout)).isEqualTo(before);

        bronze.deliver("health/child_checkups", "202403", null, "f-child-202403-corrected", "rejected", List.of());
        assertThat(conform(conf, warehouse)).isEqualTo(ExitCodes.INPUT_REJECTED);
        assertThat(spark.read().format("delta").load(layout.silver("child_checkups")).filter(col("record_id").equalTo("CC-1"))
                .count()).isEqualTo(1);
    }

    @Test
    void aProfileWithoutAKeyIsAConfigurationError() throws IOException {
        Path conf = Files.writeString(folder.resolve("pipeline.yaml"), """
                profiles:
                  local:
                    landing: %s
                    warehouse: %s
                    pseudonymisation_key:
                      environment_variable: INDICATORS_TEST_KEY_THAT_IS_NOT_SET
                      file: %s
                """.formatted(folder.resolve("landing"), folder.resolve("warehouse"), folder.resolve("absent.key")));
        assertThat(IndicatorsCommand.execute("conform", "--conf", conf.toString())).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(folder.resolve("absent.key")).doesNotExist();
    }

    private static int conform(Path conf, Path warehouse) {
        return IndicatorsCommand.execute("conform", "--conf", conf.toString(), "--warehouse", warehouse.toString());
    }

    private Map<String, Long> silverAndState(WarehouseLayout layout) {
        Map<String, Long> versions = new TreeMap<>(WarehouseTables.versions(spark, layout));
        versions.keySet().removeIf(table -> !table.startsWith("analytics/silver/") && !table.equals("ops/conform_state"));
        return versions;
    }

    private Path configuration(Path keyFile) throws IOException {
        return Files.writeString(folder.resolve("pipeline.yaml"), """
                profiles:
                  local:
                    spark_master: local[2]
                    spark_conf:
                      spark.sql.shuffle.partitions: "2"
                      spark.ui.enabled: "false"
                    landing: %s
                    warehouse: %s
                    pseudonymisation_key:
                      environment_variable: INDICATORS_TEST_KEY_THAT_IS_NOT_SET
                      file: %s
                      create_if_missing: true
                    openlineage:
                      transport: none
                """.formatted(folder.resolve("landing"), folder.resolve("unused-warehouse"), keyFile));
    }
}
