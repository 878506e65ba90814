package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restricted zone of a local warehouse is owner-only; a bucket's is left to the bucket. */
class WarehouseLayoutTest {

    @TempDir
    Path folder;

    @Test
    void aNewWarehouseGetsAnOwnerOnlyRestrictedZone() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(folder.resolve("warehouse").toString());
        Path restricted = layout.secureRestrictedZone().orElseThrow();
        assertThat(restricted).isEqualTo(folder.resolve("warehouse/restricted"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restricted))).isEqualTo("rwx------");
    }

    @Test
    void anExistingOpenRestrictedZoneIsClosedAndItsContentKept() throws IOException {
        Path restricted = Files.createDirectories(folder.resolve("warehouse/restricted/bronze"));
        Files.setPosixFilePermissions(restricted.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        new WarehouseLayout("file:" + folder.resolve("warehouse")).secureRestrictedZone();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restricted.getParent()))).isEqualTo("rwx------");
        assertThat(restricted).isDirectory();
    }

    @Test
    void aBucketIsLeftToItsPolicies() {
        assertThat(new WarehouseLayout("s3a://bucket/warehouse").secureRestrictedZone()).isEmpty();
    }
}
