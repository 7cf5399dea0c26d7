package io.harbormaster.executors.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The plugin's command line: {@code --executor <type> --runtime-dir <dir> --node-id <id>
 * --data-dir <dir> --name <name> [--idle-exit <seconds>] [--setting key=value]...}. Everything secret comes
 * from the environment.
 *
 * @param idleExit exit after this long with no executions and no connection; null: never on its own
 */
record PluginArguments(String executorType, Path runtimeDir, String nodeId, Path dataDir, String name,
        Duration idleExit, Map<String, String> settings) {

    private static final Set<String> REQUIRED = Set.of("--executor", "--runtime-dir", "--node-id", "--data-dir",
            "--name");
    private static final Set<String> OPTIONAL = Set.of("--idle-exit", "--setting");

    /** @throws IllegalArgumentException naming the option that is missing, unknown or without a value */
    static PluginArguments parse(String... args) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (!REQUIRED.contains(option) && !OPTIONAL.contains(option)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            if (option.equals("--setting")) {
                int eq = args[i + 1].indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--setting takes key=value, not " + args[i + 1]);
                }
                settings.put(args[i + 1].substring(0, eq), args[i + 1].substring(eq + 1));
                continue;
            }
            values.put(option, args[i + 1]);
        }
        for (String option : REQUIRED) {
            if (!values.containsKey(option)) {
                throw new IllegalArgumentException("missing " + option);
            }
        }
        Duration idle = null;
        if (values.containsKey("--idle-exit")) {
            try {
                idle = Duration.ofSeconds(Long.parseLong(values.get("--idle-exit")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--idle-exit takes whole seconds: " + values.get("--idle-exit"), e);
            }
        }
        return new PluginArguments(values.get("--executor"), Path.of(values.get("--runtime-dir")),
                values.get("--node-id"), Path.of(values.get("--data-dir")), values.get("--name"), idle,
                Map.copyOf(settings));
    }
}
