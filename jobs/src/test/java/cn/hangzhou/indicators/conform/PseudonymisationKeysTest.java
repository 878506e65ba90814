package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.config.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymisationKeysTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path folder;

    private final PseudonymisationKeys noEnvironment = new PseudonymisationKeys(name -> null);

    @Test
    void theEnvironmentVariableComesBeforeTheKeyFile() throws IOException {
        Path file = Files.writeString(folder.resolve("key"), "a different key, also 32 characters or more\n");
        PseudonymisationKeys keys = new PseudonymisationKeys(Map.of("TEST_KEY", " " + KEY + " ")::get);
        byte[] key = keys.key("cluster", new Profile.KeySource("TEST_KEY", file.toString(), false));
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(KEY);
    }

    @Test
    void theKeyFileIsReadTrimmed() throws IOException {
        Path file = Files.writeString(folder.resolve("key"), KEY + "\n");
        byte[] key = noEnvironment.key("cluster", new Profile.KeySource("TEST_KEY", file.toString(), false));
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(KEY);
    }

    @Test
    void createIfMissingMakesARandomOwnerOnlyKeyFileOnceAndKeepsIt() throws IOException {
        Path file = folder.resolve("config/indicators/pseudonymisation.key");
        Profile.KeySource source = new Profile.KeySource("TEST_KEY", file.toString(), true);
        byte[] first = noEnvironment.key("local", source);
        assertThat(Files.readString(file).trim()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(noEnvironment.key("local", source)).isEqualTo(first);
        Path otherFile = folder.resolve("other.key");
        assertThat(noEnvironment.key("local", new Profile.KeySource("TEST_KEY", otherFile.toString(), true))).isNotEqualTo(first);
    }

    @Test
    void aProfileWithoutAKeyStopsAndSaysHowToProvideOne() {
        Path file = folder.resolve("absent.key");
        assertThatThrownBy(() -> noEnvironment.pseudonymiser("cluster", new Profile.KeySource("TEST_KEY", file.toString(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("profile 'cluster' has no pseudonymisation key")
                .hasMessageContaining("TEST_KEY")
                .hasMessageContaining("fix:");
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> noEnvironment.pseudonymiser("cluster", new Profile.KeySource("TEST_KEY", null, false)))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aShortKeyIsRefused() {
        PseudonymisationKeys keys = new PseudonymisationKeys(Map.of("TEST_KEY", "secret")::get);
        assertThatThrownBy(() -> keys.key("cluster", new Profile.KeySource("TEST_KEY", null, false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shorter than 32");
    }
}
