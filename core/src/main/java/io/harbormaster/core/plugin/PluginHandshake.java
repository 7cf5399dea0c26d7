package io.harbormaster.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one line a plugin prints on stdout once it serves, in the go-plugin manner:
 * {@code HARBORMASTER-PLUGIN|<core version>|<app version>|unix|<socket path>|json}.
 *
 * <p>The core version covers this line and the message envelope; the app version covers the
 * operations and their bodies. Either differing means the node and the plugin cannot talk.
 */
public record PluginHandshake(int coreVersion, int appVersion, Path socketPath) {

    public static final String MAGIC = "HARBORMASTER-PLUGIN";
    public static final int CORE_PROTOCOL_VERSION = 1;
    /** 2: a hello may carry a recover and answer both, so a reattach is one round trip. */
    public static final int APP_PROTOCOL_VERSION = 2;
    /**
     * The oldest app protocol this code still speaks: a plugin started by the node before an upgrade keeps running
     * its executions and must still be reattached to, in the protocol it knows.
     */
    public static final int OLDEST_APP_PROTOCOL_VERSION = 1;
    /** From this app protocol on, a hello may carry a recover. */
    public static final int HELLO_RECOVERS_SINCE = 2;
    public static final String NETWORK = "unix";
    public static final String FORMAT = "json";
    private static final int FIELDS = 6;
    private static final int QUOTED_MAX = 200;

    public PluginHandshake {
        Objects.requireNonNull(socketPath, "socketPath");
    }

    /** The handshake of a plugin built from this code, serving on {@code socketPath}. */
    public static PluginHandshake current(Path socketPath) {
        return new PluginHandshake(CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, socketPath);
    }

    public String format() {
        return String.join("|", MAGIC, Integer.toString(coreVersion), Integer.toString(appVersion), NETWORK,
                socketPath.toString(), FORMAT);
    }

    /**
     * Reads a handshake line and checks that this node speaks its versions.
     *
     * @throws PluginProtocolException naming what is wrong: not a handshake, a field, or a version
     */
    public static PluginHandshake parse(String line) {
        if (line == null) {
            throw new PluginProtocolException("the plugin printed no handshake line");
        }
        String trimmed = line.strip();
        String[] fields = trimmed.split("\\|", -1);
        if (fields.length != FIELDS || !MAGIC.equals(fields[0])) {
            throw new PluginProtocolException("not a Harbormaster plugin handshake (expected "
                    + MAGIC + "|core|app|unix|socket|json): " + quoted(trimmed));
        }
        int core = version(fields[1], "core", trimmed);
        int app = version(fields[2], "app", trimmed);
        if (core != CORE_PROTOCOL_VERSION) {
            throw new PluginProtocolException("the plugin speaks core protocol " + core + ", this node speaks "
                    + CORE_PROTOCOL_VERSION + "; use a plugin from the same Harbormaster release");
        }
        if (!speaks(app)) {
            throw new PluginProtocolException("the plugin speaks app protocol " + app + ", this node speaks "
                    + spoken() + "; use a plugin from the same Harbormaster release");
        }
        if (!NETWORK.equals(fields[3])) {
            throw new PluginProtocolException("the plugin offers network " + quoted(fields[3])
                    + ", this node only speaks " + NETWORK);
        }
        if (fields[4].isEmpty()) {
            throw new PluginProtocolException("the plugin's handshake names no socket: " + quoted(trimmed));
        }
        if (!FORMAT.equals(fields[5])) {
            throw new PluginProtocolException("the plugin offers format " + quoted(fields[5])
                    + ", this node only speaks " + FORMAT);
        }
        return new PluginHandshake(core, app, Path.of(fields[4]));
    }

    /** True when this code can talk to a peer of app protocol {@code appVersion}. */
    public static boolean speaks(int appVersion) {
        return appVersion >= OLDEST_APP_PROTOCOL_VERSION && appVersion <= APP_PROTOCOL_VERSION;
    }

    /** The app protocols this code speaks, for messages: "1 to 2". */
    public static String spoken() {
        return OLDEST_APP_PROTOCOL_VERSION == APP_PROTOCOL_VERSION ? Integer.toString(APP_PROTOCOL_VERSION)
                : OLDEST_APP_PROTOCOL_VERSION + " to " + APP_PROTOCOL_VERSION;
    }

    private static int version(String field, String which, String line) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new PluginProtocolException("the " + which + " protocol version in the plugin's handshake is not "
                    + "a number: " + quoted(line), e);
        }
    }

    /** Quotes what the plugin printed, cut short: a runaway plugin must not flood our error messages. */
    private static String quoted(String text) {
        String shown = text.length() > QUOTED_MAX ? text.substring(0, QUOTED_MAX) + "..." : text;
        return '"' + shown + '"';
    }
}
