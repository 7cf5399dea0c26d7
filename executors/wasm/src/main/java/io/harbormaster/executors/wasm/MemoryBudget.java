package io.harbormaster.executors.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.harbormaster.core.executor.ExecutorException;
import java.util.Optional;

/** Caps a module's linear memory at the executor's {@code maxMemoryMb}, so one job cannot exhaust the node's heap. */
final class MemoryBudget {

    private static final int PAGES_PER_MB = 16;

    private final int maxPages;

    MemoryBudget(int maxPages) {
        this.maxPages = maxPages;
    }

    /**
     * The limits to instantiate {@code module} with: its own initial size and at most our cap, or empty
     * when it declares no memory.
     *
     * @throws ExecutorException when the module needs more than the cap just to start
     */
    Optional<MemoryLimits> limitsFor(WasmModule module, String moduleName) {
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() == 0) {
            return Optional.empty();
        }
        MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
        if (declared.initialPages() > maxPages) {
            throw new ExecutorException("module " + moduleName + " needs " + mb(declared.initialPages())
                    + " MiB of memory to start, more than this node's limit of " + mb(maxPages)
                    + " MiB (wasm setting " + WasmSettings.MAX_MEMORY_MB + ")", false);
        }
        int maximum = Math.min(declared.maximumPages(), maxPages);
        return Optional.of(new MemoryLimits(declared.initialPages(), maximum, declared.shared()));
    }

    private static long mb(int pages) {
        return (pages + PAGES_PER_MB - 1L) / PAGES_PER_MB;
    }
}
