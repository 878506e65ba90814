package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the list of landing files matched to an extract by folder ({@code <department>/<extract>/}, at
 * any depth below it) and file-name pattern, and the files matching none; one result per walk. Folders
 * and files whose name starts with {@code _} or {@code .} are not deliveries and are passed over.
 */
public final class LandingDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(LandingDiscovery.class);

    private final SchemaCatalog schemas;

    /**
     * @param files   matched files, ordered by path
     * @param unknown files matching no extract, each with why
     */
    public record Result(List<LandingFile> files, List<UnknownFile> unknown) {
    }

    /** A landing file that is not a delivery of any extract. */
    public record UnknownFile(String path, String reason) {
    }

    public LandingDiscovery(SchemaCatalog schemas) {
        this.schemas = schemas;
    }

    public Result walk(String landing, Configuration hadoopConfiguration) {
        Path root = new Path(landing);
        List<LandingFile> files = new ArrayList<>();
        List<UnknownFile> unknown = new ArrayList<>();
        try {
            FileSystem fileSystem = root.getFileSystem(hadoopConfiguration);
            if (!fileSystem.exists(root)) {
                throw new ConfigurationException("the landing zone " + landing + " does not exist",
                        "pass --landing with an existing folder or URI");
            }
            Path qualifiedRoot = fileSystem.makeQualified(root);
            walk(fileSystem, qualifiedRoot, List.of(), files, unknown);
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("the landing zone " + landing + " does not exist", "pass --landing with an existing folder or URI");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the landing zone " + landing, e);
        }
        files.sort(Comparator.comparing(LandingFile::path));
        unknown.sort(Comparator.comparing(UnknownFile::path));
        return new Result(files, unknown);
    }

    private void walk(FileSystem fileSystem, Path folder, List<String> relative, List<LandingFile> files,
                      List<UnknownFile> unknown) throws IOException {
        FileStatus[] entries = fileSystem.listStatus(folder);
        Arrays.sort(entries, Comparator.comparing(status -> status.getPath().getName()));
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                LOG.debug("passing over {} (a name starting with _ or . is not a delivery)", entry.getPath());
                continue;
            }
            List<String> below = new ArrayList<>(relative);
            below.add(name);
            if (entry.isDirectory()) {
                walk(fileSystem, entry.getPath(), below, files, unknown);
            } else {
                match(below, entry.getPath().toString(), entry.getLen(), entry.getModificationTime(), files, unknown);
            }
        }
    }

    private void match(List<String> relative, String path, long size, long modifiedAt, List<LandingFile> files,
                       List<UnknownFile> unknown) {
        if (relative.size() < 3) {
            unknown.add(new UnknownFile(path, "not inside a <department>/<extract>/ folder"));
            return;
        }
        String id = relative.get(0) + "/" + relative.get(1);
        ExtractSchema schema = schemas.schemas().get(id);
        if (schema == null) {
            unknown.add(new UnknownFile(path, "no extract " + id + " in schemas/"));
            return;
        }
        String fileName = relative.get(relative.size() - 1);
        Matcher matcher = schema.fileNamePattern().matcher(fileName);
        if (!matcher.matches()) {
            unknown.add(new UnknownFile(path, "the name does not match " + schema.filePattern() + "[.gz] of " + id));
            return;
        }
        String sourceName = matcher.group("gzip") == null ? fileName : fileName.substring(0, fileName.length() - 3);
        String district = schema.filePattern().contains("{district}") ? matcher.group("district") : null;
        files.add(new LandingFile(path, fileName, sourceName, schema.department(), schema.extract(), matcher.group("period"),
                district, size, modifiedAt));
    }
}
