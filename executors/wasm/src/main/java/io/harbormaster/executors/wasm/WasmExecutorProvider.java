package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExecutorProvider;

/** Registers the in-process WebAssembly executor for engine type {@code wasm}. */
public final class WasmExecutorProvider implements ExecutorProvider {

    @Override
    public String type() {
        return WasmExecutor.TYPE;
    }

    @Override
    public Executor create(ExecutorContext context) {
        try {
            return new WasmExecutor(WasmSettings.from(context.settings()), context.dataDir());
        } catch (IllegalArgumentException badSetting) {
            throw new ExecutorException(badSetting.getMessage(), false, badSetting);
        }
    }
}
