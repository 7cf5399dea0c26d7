package io.harbormaster.executors.wasm;

import java.util.Map;

/**
 * The wasm executor's section of the node configuration.
 *
 * @param machine     {@code machine}: auto (default), compiler or interpreter
 * @param maxMemoryMb {@code maxMemoryMb}: the most linear memory one module may have, 256 by default
 */
public record WasmSettings(MachineChoice machine, int maxMemoryMb) {

    public static final String MACHINE = "machine";
    public static final String MAX_MEMORY_MB = "maxMemoryMb";
    public static final int DEFAULT_MAX_MEMORY_MB = 256;
    /** A wasm32 memory cannot exceed 4 GiB. */
    private static final int WASM32_MAX_MEMORY_MB = 4096;

    public WasmSettings {
        if (machine == null) {
            machine = MachineChoice.AUTO;
        }
        if (maxMemoryMb < 1 || maxMemoryMb > WASM32_MAX_MEMORY_MB) {
            throw new IllegalArgumentException("wasm setting " + MAX_MEMORY_MB + "=" + maxMemoryMb
                    + " must be between 1 and " + WASM32_MAX_MEMORY_MB);
        }
    }

    public static WasmSettings defaults() {
        return new WasmSettings(MachineChoice.AUTO, DEFAULT_MAX_MEMORY_MB);
    }

    /** Reads the settings map; absent keys take their defaults. */
    public static WasmSettings from(Map<String, String> settings) {
        MachineChoice machine = MachineChoice.parse(settings.get(MACHINE));
        String memory = settings.get(MAX_MEMORY_MB);
        if (memory == null || memory.isBlank()) {
            return new WasmSettings(machine, DEFAULT_MAX_MEMORY_MB);
        }
        try {
            return new WasmSettings(machine, Integer.parseInt(memory.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("wasm setting " + MAX_MEMORY_MB + "=" + memory + " is not a number", e);
        }
    }

    /** The cap in 64 KiB wasm pages. */
    public int maxMemoryPages() {
        return maxMemoryMb * 16;
    }
}
