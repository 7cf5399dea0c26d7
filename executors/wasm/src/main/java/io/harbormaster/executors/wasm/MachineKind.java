package io.harbormaster.executors.wasm;

import java.util.Locale;

/** The machine an execution actually runs on; its name goes into the handle's {@code machine} attribute. */
public enum MachineKind {
    COMPILED,
    INTERPRETED;

    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
