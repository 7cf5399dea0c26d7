package io.harbormaster.executors.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed module and, when compiled, the machine factory made for it once and shared by every
 * instance of it.
 *
 * @param machineFactory null when the module is interpreted
 */
record LoadedModule(Path file, WasmModule module, Function<Instance, Machine> machineFactory, MachineKind kind) {

    Optional<Function<Instance, Machine>> compiledFactory() {
        return Optional.ofNullable(machineFactory);
    }
}
