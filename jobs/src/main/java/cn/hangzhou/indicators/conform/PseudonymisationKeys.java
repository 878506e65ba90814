package cn.hangzhou.indicators.conform;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.config.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the pseudonymisation key of a profile ({@code pseudonymisation_key}): the environment variable
 * first, then the key file ({@code ~} expanded). With {@code create_if_missing} a missing key file is created
 * with 32 random bytes, hex-encoded, readable by the owner only. The key is the UTF-8 text of the variable or
 * file, trimmed, so that {@code export VARIABLE=$(cat FILE)} gives the same person keys as the file.
 */
public final class PseudonymisationKeys {

    /** Shorter keys are refused: the HMAC is only as strong as its key. */
    static final int MINIMUM_KEY_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(PseudonymisationKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Function<String, String> environment;

    /** @param environment looks up an environment variable by name (tests pass one that knows none) */
    public PseudonymisationKeys(Function<String, String> environment) {
        this.environment = environment;
    }

    public static PseudonymisationKeys fromEnvironment() {
        return new PseudonymisationKeys(System::getenv);
    }

    /** The pseudonymiser with the profile's key; a ConfigurationException says how to provide a missing key. */
    public Pseudonymiser pseudonymiser(String profileName, Profile.KeySource source) {
        return new Pseudonymiser(key(profileName, source));
    }

    byte[] key(String profileName, Profile.KeySource source) {
        String fromEnvironment = source.environmentVariable() == null ? null : environment.apply(source.environmentVariable());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return checked(fromEnvironment.trim(), "environment variable " + source.environmentVariable());
        }
        if (source.file() == null || source.file().isBlank()) {
            throw missing(profileName, source, "no key file is configured");
        }
        Path file = expand(source.file());
        if (!Files.exists(file)) {
            if (!source.createIfMissing()) {
                throw missing(profileName, source, "key file " + file + " does not exist");
            }
            create(file);
        }
        try {
            warnIfOthersCanRead(file);
            return checked(Files.readString(file, StandardCharsets.UTF_8).trim(), "key file " + file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the pseudonymisation key file " + file + ": " + e.getMessage(),
                    "make it readable by the user running the pipeline", e);
        }
    }

    private static byte[] checked(String key, String origin) {
        ConfigurationException.require(key.length() >= MINIMUM_KEY_LENGTH,
                "the pseudonymisation key in " + origin + " is shorter than " + MINIMUM_KEY_LENGTH + " characters",
                "use a random key, e.g. the output of: openssl rand -hex 32");
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static ConfigurationException missing(String profileName, Profile.KeySource source, String why) {
        return new ConfigurationException("profile '" + profileName + "' has no pseudonymisation key: " + why
                + (source.environmentVariable() == null ? "" : " and " + source.environmentVariable() + " is not set"),
                "set " + (source.environmentVariable() == null ? "pseudonymisation_key.environment_variable" : source.environmentVariable())
                        + " to the key (e.g. openssl rand -hex 32), or point pseudonymisation_key.file of the profile to a key file"
                        + " kept outside the repository; the same key must be used for every run, or person keys change");
    }

    private static void create(Path file) {
        String key = HexFormat.of().formatHex(randomBytes());
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            LOG.info("created a new pseudonymisation key file {} (owner-only); keep it, person keys depend on it", file);
        } catch (FileAlreadyExistsException e) {
            LOG.debug("key file {} was created concurrently; using it", file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the pseudonymisation key file " + file + ": " + e.getMessage(),
                    "create its folder, or point pseudonymisation_key.file to a writable place outside the repository", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            LOG.warn("pseudonymisation key file {} can be read by others than its owner; chmod 600 it", file);
        }
    }

    private static Path expand(String location) {
        String expanded = location.equals("~") || location.startsWith("~/")
                ? System.getProperty("user.home") + location.substring(1) : location;
        return Path.of(expanded).toAbsolutePath().normalize();
    }
}
