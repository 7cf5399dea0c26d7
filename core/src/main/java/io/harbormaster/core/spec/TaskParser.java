package io.harbormaster.core.spec;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One entry of {@code Tasks}: its name, engine, environment, inputs, timeout and resources. */
final class TaskParser {

    private static final KeyMatcher TASK_KEYS = KeyMatcher.of(
                    "Name", "Engine", "Env", "InputSources", "Timeouts", "Resources")
            .ignoring("Publisher", "this node does not publish results yet")
            .ignoring("ResultPaths", "this node does not publish results yet")
            .ignoring("Network", "tasks on this node always run with network none")
            .ignoring("Meta", "task metadata is not used by this node yet");
    private static final KeyMatcher ENGINE_KEYS = KeyMatcher.of("Type", "Params");
    private static final KeyMatcher TIMEOUT_KEYS = KeyMatcher.of("ExecutionTimeout")
            .ignoring("QueueTimeout", "jobs here start at once, so only ExecutionTimeout applies")
            .ignoring("TotalTimeout", "only ExecutionTimeout is enforced by this node");
    private static final BigInteger MAX_TIMEOUT_SECONDS = BigInteger.valueOf(Long.MAX_VALUE / 1_000_000_000L);

    private final ValueReader values;
    private final Set<String> engineTypes;
    private final EngineParamsParser engines;
    private final InputSourceParser inputSources;
    private final ResourceParser resources;

    TaskParser(ValueReader values, Set<String> engineTypes, LocalPathAllowList allowList) {
        this.values = values;
        this.engineTypes = new TreeSet<>(engineTypes);
        this.inputSources = new InputSourceParser(allowList, values);
        this.engines = new EngineParamsParser(values, inputSources);
        this.resources = new ResourceParser(values);
    }

    /** The task, or null when something is wrong with it (and recorded). */
    TaskSpec parse(SpecNode node, String path) {
        SpecNode.MapNode map = values.map(node, path);
        if (map == null) {
            return null;
        }
        MapFields task = new MapFields(map, path, TASK_KEYS, values);
        String name = task.requiredString("Name");
        EngineSpec engine = engine(task);
        Map<String, String> env = task.get("Env").map(v -> values.stringMap(v, task.pathOf("Env"))).orElse(null);
        List<InputSource> inputs = task.get("InputSources")
                .map(v -> inputSources.parseList(v, task.pathOf("InputSources"))).orElse(null);
        Duration timeout = task.get("Timeouts").map(v -> executionTimeout(v, task.pathOf("Timeouts"))).orElse(null);
        ResourceSpec limits = task.get("Resources").map(v -> resources.parse(v, task.pathOf("Resources")))
                .orElse(null);
        if (name == null || engine == null || values.problems().hasErrors()) {
            return null;
        }
        return new TaskSpec(name, engine, env, inputs, timeout, limits);
    }

    private EngineSpec engine(MapFields task) {
        if (task.get("Engine").isEmpty()) {
            task.required("Engine");
            return null;
        }
        SpecNode.MapNode map = values.map(task.get("Engine").get(), task.pathOf("Engine"));
        if (map == null) {
            return null;
        }
        MapFields engine = new MapFields(map, task.pathOf("Engine"), ENGINE_KEYS, values);
        String type = engine.requiredString("Type");
        if (type == null) {
            return null;
        }
        String folded = type.strip().toLowerCase(Locale.ROOT);
        if (!engineTypes.contains(folded)) {
            values.problems().error(engine.pathOf("Type"), engine.lineOf("Type"), "unsupported engine \"" + type
                    + "\" (this node runs: " + (engineTypes.isEmpty() ? "no engines" : String.join(", ", engineTypes))
                    + ")");
            return null;
        }
        String paramsPath = engine.pathOf("Params");
        SpecNode.MapNode params = engine.get("Params").map(p -> values.map(p, paramsPath))
                .orElse(new SpecNode.MapNode(engine.lineOf("Params"), List.of()));
        if (params == null) {
            return null;
        }
        return switch (folded) {
            case EngineSpec.DOCKER -> {
                DockerEngineSpec docker = engines.docker(params, paramsPath);
                yield docker == null ? null : EngineSpec.docker(docker);
            }
            case EngineSpec.WASM -> {
                WasmEngineSpec wasm = engines.wasm(params, paramsPath);
                yield wasm == null ? null : EngineSpec.wasm(wasm);
            }
            // an engine added by a plugin: its executor validates its own Params
            default -> new EngineSpec(folded, null, null);
        };
    }

    private Duration executionTimeout(SpecNode node, String path) {
        SpecNode.MapNode map = values.map(node, path);
        if (map == null) {
            return null;
        }
        MapFields timeouts = new MapFields(map, path, TIMEOUT_KEYS, values);
        if (timeouts.get("ExecutionTimeout").isEmpty()) {
            return null;
        }
        String where = timeouts.pathOf("ExecutionTimeout");
        BigInteger seconds = values.integer(timeouts.get("ExecutionTimeout").get(), where);
        if (seconds == null) {
            return null;
        }
        if (seconds.signum() < 0 || seconds.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            values.problems().error(where, timeouts.lineOf("ExecutionTimeout"),
                    "must be a whole number of seconds, 0 or more (0 means no timeout); got " + seconds);
            return null;
        }
        return seconds.signum() == 0 ? null : Duration.ofSeconds(seconds.longValueExact());
    }
}
