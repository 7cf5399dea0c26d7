package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasmCompilerFallbackTest {

    private static final Function<WasmModule, CompiledClasses> FAILING_COMPILER = module -> {
        throw new ChicoryException("simulated: function too large to compile");
    };

    @TempDir
    Path dir;

    @Test
    void moduleTheCompilerRejectsIsInterpretedAndTheHandleSaysSo() throws Exception {
        WasmSettings settings = WasmSettings.defaults();
        try (WasmExecutor executor = new WasmExecutor(settings, new ModuleCache(settings.machine(), null, FAILING_COMPILER))) {
            ExecutorHandle handle = executor.start(WasmJob.of(dir, "hello").request("e-fallback"));
            ExitResult exit = executor.await(WasmJob.refOf(dir, "e-fallback")).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);

            assertThat(handle.attribute("machine")).isEqualTo("interpreted");
            assertThat(exit.exitCode()).isZero();
        }
    }

    @Test
    void compilerSettingRefusesToStartAModuleTheCompilerRejects() {
        WasmSettings settings = new WasmSettings(MachineChoice.COMPILER, WasmSettings.DEFAULT_MAX_MEMORY_MB);
        try (WasmExecutor executor = new WasmExecutor(settings, new ModuleCache(settings.machine(), null, FAILING_COMPILER))) {
            assertThatThrownBy(() -> executor.start(WasmJob.of(dir, "hello").request("e-strict")))
                    .isInstanceOf(ExecutorException.class)
                    .hasMessageContaining("machine=compiler forbids interpreting it")
                    .hasMessageContaining("simulated");
        }
    }
}
