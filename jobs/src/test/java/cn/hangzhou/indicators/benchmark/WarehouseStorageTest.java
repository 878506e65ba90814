package cn.hangzhou.indicators.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.ops.WarehouseLayout;
import org.junit.jupiter.api.Test;

class WarehouseStorageTest {

    private final WarehouseLayout layout = new WarehouseLayout("/w");

    @Test
    void everyTableOfTheLayoutFallsInItsLayer() {
        assertThat(layerOf(layout.bronze("residents"))).isEqualTo("bronze");
        assertThat(layerOf(layout.quarantine())).isEqualTo("quarantine");
        assertThat(layerOf(layout.silver("residents"))).isEqualTo("silver");
        assertThat(layerOf(layout.indicatorValues())).isEqualTo("gold");
        assertThat(layerOf(layout.publishedIndicators())).isEqualTo("gold");
        assertThat(layerOf(layout.lineage("indicator_rows"))).isEqualTo("lineage");
        assertThat(layerOf(layout.quality("check_results"))).isEqualTo("quality");
        assertThat(layerOf(layout.ingestManifest())).isEqualTo("ops");
        assertThat(layerOf("/w/elsewhere/table")).isEqualTo("other");
    }

    private static String layerOf(String path) {
        return WarehouseStorage.layer(path.substring("/w/".length()));
    }
}
