package cn.hangzhou.indicators.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 over everything that configures a run: the pipeline file, schemas, quality rules, catalogue, reference. */
public final class ConfigurationHash {

    private ConfigurationHash() {
    }

    public static String of(Path projectHome, Path pipelineFile) {
        List<Path> files = new ArrayList<>();
        files.add(pipelineFile);
        for (Path folder : List.of(projectHome.resolve("schemas"), projectHome.resolve("conf"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(Files::isRegularFile)
                            .filter(file -> !file.getFileName().toString().startsWith("log4j2"))
                            .filter(file -> !file.equals(pipelineFile))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    String relative = file.startsWith(projectHome) ? projectHome.relativize(file).toString() : file.getFileName().toString();
                    digest.update(relative.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                    digest.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
