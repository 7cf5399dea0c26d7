package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ReattachConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files of one plugin in the node's runtime dir, all named after the plugin:
 * {@code <name>.sock}, {@code <name>.token}, {@code <name>.log} (its own log) and
 * {@code <name>.stderr.log} (what the JVM prints before logging starts, or when it crashes).
 */
public record PluginFiles(Path runtimeDir, String name) {

    public static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public PluginFiles {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a plugin name is 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        runtimeDir = runtimeDir.toAbsolutePath();
    }

    public Path socket() {
        return runtimeDir.resolve(name + ".sock");
    }

    public Path token() {
        return runtimeDir.resolve(name + ".token");
    }

    public Path log() {
        return runtimeDir.resolve(name + ".log");
    }

    public Path stderrLog() {
        return runtimeDir.resolve(name + ".stderr.log");
    }

    /** The token file a reattach config refers to: {@code tokenRef} is a file name beside the socket. */
    public static Path tokenFile(ReattachConfig config) {
        if (config.tokenRef() == null || config.tokenRef().contains("/")) {
            throw new PluginProtocolException("a reattach config's token reference must be a file name beside the "
                    + "socket, got " + config.tokenRef());
        }
        return Path.of(config.socketPath()).resolveSibling(config.tokenRef());
    }

    /** @throws PluginUnreachableException if the token file is gone or unreadable */
    public static String readToken(ReattachConfig config) {
        Path file = tokenFile(config);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PluginUnreachableException("cannot read the plugin's token file " + file + ": " + e, e);
        }
    }

    /** Creates the runtime dir, or tightens an existing one, to 0700: it holds sockets and tokens. */
    public void createRuntimeDir() throws IOException {
        Files.createDirectories(runtimeDir);
        Files.setPosixFilePermissions(runtimeDir, OWNER_ONLY_DIR);
    }

    /** Writes the token to a file that is 0600 from its first byte on. */
    public void writeToken(String token) throws IOException {
        Files.deleteIfExists(token());
        Files.createFile(token(), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(token(), token, StandardCharsets.UTF_8);
    }
}
