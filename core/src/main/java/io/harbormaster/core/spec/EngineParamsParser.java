package io.harbormaster.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code Tasks[0].Engine.Params} for the docker and wasm engines, as Bacalhau documents them. */
final class EngineParamsParser {

    private static final KeyMatcher DOCKER_KEYS = KeyMatcher.of(
            "Image", "Entrypoint", "Parameters", "EnvironmentVariables", "WorkingDirectory");
    private static final KeyMatcher WASM_KEYS = KeyMatcher.of(
            "EntryModule", "EntryPoint", "Parameters", "EnvironmentVariables", "ImportModules");

    /** Docker takes any name without '=' or whitespace; anything looser is surely a mistake. */
    private static final Pattern ENV_ENTRY = Pattern.compile("[^=\\s]+=.*", Pattern.DOTALL);

    private final ValueReader values;
    private final InputSourceParser inputSources;

    EngineParamsParser(ValueReader values, InputSourceParser inputSources) {
        this.values = values;
        this.inputSources = inputSources;
    }

    DockerEngineSpec docker(SpecNode.MapNode node, String path) {
        MapFields params = new MapFields(node, path, DOCKER_KEYS, values);
        String image = params.requiredString("Image");
        List<String> entrypoint = stringList(params, "Entrypoint");
        List<String> parameters = stringList(params, "Parameters");
        List<String> environment = stringList(params, "EnvironmentVariables");
        if (environment != null) {
            for (int i = 0; i < environment.size(); i++) {
                if (!ENV_ENTRY.matcher(environment.get(i)).matches()) {
                    values.problems().error(params.pathOf("EnvironmentVariables") + "[" + i + "]",
                            itemLine(params, "EnvironmentVariables", i),
                            "expected KEY=value, got \"" + environment.get(i) + "\"");
                }
            }
        }
        String workingDirectory = params.string("WorkingDirectory");
        if (workingDirectory != null && !workingDirectory.isEmpty() && !workingDirectory.startsWith("/")) {
            values.problems().error(params.pathOf("WorkingDirectory"), params.lineOf("WorkingDirectory"),
                    "must be an absolute path inside the container (got \"" + workingDirectory + "\")");
        }
        if (image == null) {
            return null;
        }
        return new DockerEngineSpec(image.strip(), entrypoint, parameters, environment,
                workingDirectory == null || workingDirectory.isEmpty() ? null : workingDirectory);
    }

    WasmEngineSpec wasm(SpecNode.MapNode node, String path) {
        MapFields params = new MapFields(node, path, WASM_KEYS, values);
        InputSource entryModule = null;
        if (params.get("EntryModule").isEmpty()) {
            params.required("EntryModule");
        } else {
            entryModule = inputSources.parse(params.get("EntryModule").get(), params.pathOf("EntryModule"), true);
        }
        String entryPoint = params.string("EntryPoint");
        List<String> parameters = stringList(params, "Parameters");
        Map<String, String> environment = params.get("EnvironmentVariables")
                .map(v -> values.stringMap(v, params.pathOf("EnvironmentVariables"))).orElse(null);
        List<InputSource> imports = params.get("ImportModules")
                .map(v -> importModules(v, params.pathOf("ImportModules"))).orElse(null);
        if (entryModule == null) {
            return null;
        }
        return new WasmEngineSpec(entryModule, entryPoint, parameters, environment, imports);
    }

    private List<InputSource> importModules(SpecNode node, String path) {
        SpecNode.ListNode list = values.list(node, path);
        if (list == null) {
            return null;
        }
        List<InputSource> modules = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            InputSource module = inputSources.parse(list.items().get(i), path + "[" + i + "]", true);
            if (module != null) {
                modules.add(module);
            }
        }
        return modules;
    }

    private static int itemLine(MapFields params, String key, int index) {
        return params.get(key)
                .filter(SpecNode.ListNode.class::isInstance)
                .map(list -> ((SpecNode.ListNode) list).items().get(index).line())
                .orElse(params.lineOf(key));
    }

    private List<String> stringList(MapFields params, String key) {
        return params.get(key).map(v -> values.stringList(v, params.pathOf(key))).orElse(null);
    }
}
