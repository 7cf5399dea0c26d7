package io.harbormaster.executors.wasm;

import java.util.Locale;

/** Which Chicory machine an operator asked for with the {@code machine} setting. */
public enum MachineChoice {
    /** Compile to JVM bytecode; interpret a module the compiler cannot handle. */
    AUTO,
    /** Compile, and refuse to start a module the compiler cannot handle. */
    COMPILER,
    /** Always interpret: slower, but starts at once and needs no class generation. */
    INTERPRETER;

    /** Reads the setting's value; null or blank is {@link #AUTO}. */
    public static MachineChoice parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "compiler", "compiled" -> COMPILER;
            case "interpreter", "interpreted" -> INTERPRETER;
            default -> throw new IllegalArgumentException(
                    "wasm setting machine=" + value + " is not one of auto, compiler, interpreter");
        };
    }
}
