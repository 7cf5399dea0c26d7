package io.harbormaster.core.plugin;

import java.util.Locale;
import java.util.Optional;

/** The operations of the plugin protocol, spelled on the wire in lower case. */
public enum PluginOp {
    /** First message of every connection: the token and the versions the client speaks. */
    HELLO,
    PING,
    START,
    RECOVER,
    /** Long-polls: the plugin sends heartbeat events until the execution ends, then the exit. */
    AWAIT,
    STOP,
    OWNED,
    /** Stop serving and exit, optionally stopping every execution first. */
    SHUTDOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PluginOp> fromWire(String name) {
        for (PluginOp op : values()) {
            if (op.wireName().equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
