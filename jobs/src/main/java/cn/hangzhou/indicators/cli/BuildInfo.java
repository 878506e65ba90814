package cn.hangzhou.indicators.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Version and git revision embedded at build time ({@code build-info.properties}). */
public final class BuildInfo implements CommandLine.IVersionProvider {

    private static final Properties PROPERTIES = load();

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // no build information: reported as unknown
        }
        return properties;
    }

    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    public static String gitRevision() {
        String revision = PROPERTIES.getProperty("git.revision", "");
        return revision.isBlank() || revision.startsWith("${") ? "unknown" : revision;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"indicators " + version() + " (git " + gitRevision() + ")"};
    }
}
