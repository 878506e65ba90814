package cn.hangzhou.indicators.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same arguments give the same bytes; another seed gives other data. */
class DeterminismTest {

    @Test
    void sameArgumentsGiveIdenticalFiles(@TempDir Path first, @TempDir Path second, @TempDir Path third) throws Exception {
        GeneratedTree.generate(first, 0.0005, 2021, 2022, 5, 0.002);
        GeneratedTree.generate(second, 0.0005, 2021, 2022, 5, 0.002);
        Map<String, String> one = digests(first);
        assertThat(one.keySet()).anyMatch(file -> file.endsWith(".gz")).contains("_generator/defects.jsonl", "_generator/truth.csv");
        assertThat(digests(second)).isEqualTo(one);

        GeneratedTree.generate(third, 0.0005, 2021, 2022, 6, 0.002);
        Map<String, String> other = digests(third);
        assertThat(other.get("reference/population/population_2021.csv")).isNotEqualTo(one.get("reference/population/population_2021.csv"));
    }

    private static Map<String, String> digests(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String file : new GeneratedTree(root).allFiles()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            digests.put(file, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(root.resolve(file)))));
        }
        return digests;
    }
}
