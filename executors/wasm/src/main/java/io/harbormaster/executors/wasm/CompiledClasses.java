package io.harbormaster.executors.wasm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM classes Chicory's compiler generated for one module: what the compiled-module cache stores and what
 * {@link GeneratedClasses} defines, so a process that has them never needs the compiler or ASM.
 *
 * @param mainClass the binary name of the class that implements {@code Machine}; one of {@code classes}
 * @param classes   class file bytes by binary name, in the order the compiler emitted them
 */
record CompiledClasses(String mainClass, Map<String, byte[]> classes) {

    CompiledClasses {
        if (!classes.containsKey(mainClass)) {
            throw new IllegalArgumentException("the generated classes lack their main class " + mainClass);
        }
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /** The bytes of all classes together, for the log. */
    long size() {
        return classes.values().stream().mapToLong(bytes -> bytes.length).sum();
    }
}
