package io.harbormaster.executors.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Names a compiled module in the cache: the SHA-256 of the module's bytes, the Chicory version that compiled it
 * and the version of our entry format. Classes from another Chicory may call runtime methods that no longer
 * exist, so a new Chicory (or a new entry format) misses every old entry instead of trusting it.
 */
record CompiledModuleKey(String moduleSha256, String chicoryVersion, int format) {

    /** Bump when the entry layout or what is stored in it changes. */
    static final int FORMAT = 1;
    private static final String CHICORY_POM = "META-INF/maven/com.dylibso.chicory/compiler/pom.properties";

    static CompiledModuleKey of(byte[] module, String chicoryVersion) {
        return new CompiledModuleKey(sha256(module), chicoryVersion, FORMAT);
    }

    /** The entry's directory name: only hex, digits, dots and dashes, whatever the version string holds. */
    String directoryName() {
        return moduleSha256 + "-chicory-" + chicoryVersion.replaceAll("[^A-Za-z0-9.]", "_") + "-f" + format;
    }

    /**
     * The version of the Chicory compiler on the classpath, from its Maven metadata: empty when it cannot be
     * told (a repackaged jar), and then nothing is cached, since an entry could not be matched to its compiler.
     */
    static Optional<String> chicoryOnClasspath() {
        try (InputStream pom = CompiledModuleKey.class.getClassLoader().getResourceAsStream(CHICORY_POM)) {
            if (pom == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(pom);
            return Optional.ofNullable(properties.getProperty("version")).filter(v -> !v.isBlank());
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
