package io.harbormaster.core.spec;

import java.util.Objects;

/**
 * {@code Tasks[0].Engine}: its type and the parameters of that type; the other engine's
 * parameters are null. Types are spelled in lower case here whatever the file used.
 */
public record EngineSpec(String type, DockerEngineSpec docker, WasmEngineSpec wasm) {

    public static final String DOCKER = "docker";
    public static final String WASM = "wasm";

    public EngineSpec {
        Objects.requireNonNull(type, "type");
    }

    public static EngineSpec docker(DockerEngineSpec params) {
        return new EngineSpec(DOCKER, params, null);
    }

    public static EngineSpec wasm(WasmEngineSpec params) {
        return new EngineSpec(WASM, null, params);
    }
}
