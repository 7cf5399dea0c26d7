package io.harbormaster.executors.wasm;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.TaskSpec;
import io.harbormaster.core.spec.WasmEngineSpec;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The body of an execution's thread: instantiate the module with WASI, call its entry point, record how it ended. */
final class WasmRun implements Runnable {

    /** Like a process killed by SIGKILL, as the Docker executor reports a stopped container. */
    static final int STOPPED_EXIT_CODE = 137;
    /** Like a process that aborted (SIGABRT), as other wasm runtimes report a trap. */
    static final int TRAP_EXIT_CODE = 134;
    /** The shell's "cannot execute": the module could not even be instantiated. */
    static final int UNINSTANTIABLE_EXIT_CODE = 126;

    private static final Logger LOG = LoggerFactory.getLogger(WasmRun.class);

    private final WasmExecution execution;
    private final LoadedModule module;
    private final Optional<MemoryLimits> memoryLimits;
    private final TaskSpec task;
    private final ExecutionFiles files;
    private final BooleanSupplier executorClosing;

    WasmRun(WasmExecution execution, LoadedModule module, Optional<MemoryLimits> memoryLimits, TaskSpec task,
            ExecutionFiles files, BooleanSupplier executorClosing) {
        this.execution = execution;
        this.module = module;
        this.memoryLimits = memoryLimits;
        this.task = task;
        this.files = files;
        this.executorClosing = executorClosing;
    }

    @Override
    public void run() {
        try {
            Ending ending = runModule();
            if (ending.exitCode() == null && executorClosing.getAsBoolean() && !execution.stopRequested()) {
                execution.abandon("the node closed while the wasm execution ran; in-process executions end with the node");
            } else {
                execution.finish(new ExitResult(ending.exitCode(), Instant.now(), ending.detail()));
            }
        } finally {
            // when an unexpected exception escapes, the execution still needs an end, or await would hang
            if (!execution.hasEnded()) {
                execution.finish(new ExitResult(null, Instant.now(), "the wasm thread failed outside the module; see the node log"));
            }
        }
    }

    /** How the module ended; a null exit code means interrupted by the executor closing. */
    private record Ending(Integer exitCode, String detail) {
    }

    private Ending runModule() {
        WasmEngineSpec params = task.engine().wasm();
        try (OutputStream stdout = new FileOutputStream(files.stdout().toFile(), true);
             OutputStream stderr = new FileOutputStream(files.stderr().toFile(), true)) {
            Ending ending = call(params, stdout, stderr);
            if (ending.detail() != null) {
                stderr.write(("[harbormaster] " + ending.detail() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            LOG.info("Execution {} ended: exit code {}{}", execution.executionId(), ending.exitCode(),
                    ending.detail() == null ? "" : " (" + ending.detail() + ")");
            return ending;
        } catch (IOException e) {
            LOG.error("Execution {} cannot use its output files: {}", execution.executionId(), e.getMessage());
            return new Ending(UNINSTANTIABLE_EXIT_CODE, "cannot open the output files: " + e.getMessage());
        }
    }

    private Ending call(WasmEngineSpec params, OutputStream stdout, OutputStream stderr) {
        // unbuffered file streams: every fd_write reaches the file at once, so logs --follow sees it
        WasiOptions options = wasiOptions(params, stdout, stderr);
        try (WasiPreview1 wasi = WasiPreview1.builder().withLogger(ChicoryLog.INSTANCE).withOptions(options).build()) {
            ImportValues imports = ImportValues.builder()
                    .addFunction(ReadOnlyPreopens.guard(wasi, readOnlyTargets()))
                    .build();
            // withStart(false): Chicory would otherwise call _start itself, before and besides our entry point
            Instance.Builder builder = Instance.builder(module.module()).withImportValues(imports).withStart(false);
            memoryLimits.ifPresent(builder::withMemoryLimits);
            module.compiledFactory().ifPresent(builder::withMachineFactory);
            Instance instance = builder.build();
            instance.export(params.entryPoint()).apply();
            return new Ending(0, null);
        } catch (WasiExitException exit) {
            return new Ending(exit.exitCode(), null);
        } catch (UnlinkableException | UninstantiableException cannot) {
            return stopped().orElse(new Ending(UNINSTANTIABLE_EXIT_CODE,
                    "module cannot be instantiated: " + cannot.getMessage()));
        } catch (TrapException trap) {
            return stopped().orElse(new Ending(TRAP_EXIT_CODE, "trap: " + trapMessage(trap)));
        } catch (ChicoryException failed) {
            // ChicoryInterruptedException, and WASI's "Thread interrupted" from a sleep, land here
            return stopped().or(this::closing).orElse(new Ending(TRAP_EXIT_CODE, "trap: " + trapMessage(failed)));
        }
    }

    private Optional<Ending> stopped() {
        return execution.stopRequested() ? Optional.of(new Ending(STOPPED_EXIT_CODE, "stopped")) : Optional.empty();
    }

    private Optional<Ending> closing() {
        return executorClosing.getAsBoolean() ? Optional.of(new Ending(null, "node closed")) : Optional.empty();
    }

    private static String trapMessage(ChicoryException failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private WasiOptions wasiOptions(WasmEngineSpec params, OutputStream stdout, OutputStream stderr) {
        List<String> argv = new ArrayList<>();
        argv.add(module.file().getFileName().toString());
        argv.addAll(params.parameters());
        Map<String, String> environment = new LinkedHashMap<>(task.env());
        environment.putAll(params.environmentVariables());
        WasiOptions.Builder options = WasiOptions.builder()
                .withStdin(InputStream.nullInputStream(), false)
                .withStdout(stdout, false)
                .withStderr(stderr, false)
                .withArguments(argv);
        environment.forEach(options::withEnvironment);
        for (InputSource input : task.inputSources()) {
            options.withDirectory(input.target(), Path.of(input.sourcePath()));
        }
        return options.build();
    }

    private List<String> readOnlyTargets() {
        return task.inputSources().stream().filter(input -> !input.readWrite()).map(InputSource::target).toList();
    }
}
