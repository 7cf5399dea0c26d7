package io.harbormaster.core.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bacalhau's wasm engine parameters.
 *
 * @param entryModule where the module comes from (a {@code localDirectory} source naming the file)
 * @param entryPoint  exported function to call; {@code _start} by default
 */
public record WasmEngineSpec(
        InputSource entryModule,
        String entryPoint,
        List<String> parameters,
        Map<String, String> environmentVariables,
        List<InputSource> importModules) {

    public static final String DEFAULT_ENTRY_POINT = "_start";

    public WasmEngineSpec {
        Objects.requireNonNull(entryModule, "entryModule");
        entryPoint = entryPoint == null || entryPoint.isBlank() ? DEFAULT_ENTRY_POINT : entryPoint;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        environmentVariables = environmentVariables == null ? Map.of() : Map.copyOf(environmentVariables);
        importModules = importModules == null ? List.of() : List.copyOf(importModules);
    }
}
