package io.harbormaster.core.node;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The layout of a node's data dir, and where it is by default on each OS.
 *
 * <pre>
 * DATA_DIR/
 *   node-id          this node's id, created once
 *   config.yaml      settings the flags override and the GUI edits
 *   store/           the execution store (MapDB) and its lock
 *   executions/ID/   each execution's stdout.log, stderr.log, exit.json and work files
 *   logs/node.log    the node's own log
 *   run/             plugin sockets, tokens and logs, mode 0700
 *   reset-plans/     environment reset plans, as shown to the operator
 *   api.json         the loopback API's port and pid (for the CLI)
 *   api.token        the API token, mode 0600
 * </pre>
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code $XDG_DATA_HOME/harbormaster} on Linux, Application Support on macOS, {@code %APPDATA%} on Windows. */
    public static Path defaultLocation() {
        return defaultLocation(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path defaultLocation(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Harbormaster");
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData);
            return base.resolve("Harbormaster");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg == null || xdg.isBlank() ? home.resolve(".local").resolve("share") : Path.of(xdg);
        return base.resolve("harbormaster");
    }

    public Path nodeIdFile() {
        return root.resolve("node-id");
    }

    public Path configFile() {
        return root.resolve("config.yaml");
    }

    public Path storeDir() {
        return root.resolve("store");
    }

    public Path executionsDir() {
        return root.resolve("executions");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    /** Where plugin processes put their sockets, tokens and logs. */
    public Path runtimeDir() {
        return root.resolve("run");
    }

    public Path resetPlansDir() {
        return root.resolve("reset-plans");
    }

    public Path apiEndpointFile() {
        return root.resolve("api.json");
    }

    public Path apiTokenFile() {
        return root.resolve("api.token");
    }
}
