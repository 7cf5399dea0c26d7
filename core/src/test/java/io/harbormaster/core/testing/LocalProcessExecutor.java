package io.harbormaster.core.testing;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitRecord;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.DockerEngineSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test executor: runs a docker-shaped job's {@code Entrypoint + Parameters} as a local process instead
 * of a container, so the node is tested with real processes before a real engine is involved.
 *
 * <p>A shell wrapper writes the exit record when the command ends, so an exit that happens while the
 * node is down is still found. The pid and its start time are kept beside it: a reused pid is not ours.
 * The processes this instance started are also kept in memory: a plugin hosting it outlives the node, so
 * after a node restart it answers for its own children without reading a file or /proc.
 */
public final class LocalProcessExecutor implements Executor {

    public static final String TYPE = "docker";
    private static final String EXIT_WRAPPER = "\"$@\"; code=$?; printf '{\"exitCode\":%d}' \"$code\" > \"$HM_EXIT.tmp\"; "
            + "mv \"$HM_EXIT.tmp\" \"$HM_EXIT\"; exit $code";

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-process-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final Path executionsRoot;
    /** Children of this JVM: {@link Process#isAlive()} reads what the JDK's reaper recorded, no system call. */
    private final Map<String, Process> children = new ConcurrentHashMap<>();

    public LocalProcessExecutor(Path executionsRoot) {
        this.executionsRoot = executionsRoot;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ExecutorHandle start(StartRequest request) {
        ExecutionFiles files = request.files();
        Optional<ProcessHandle> running = ourProcess(files);
        if (running.isPresent() || Files.exists(files.exit())) {
            return handle(files); // idempotent: this execution was started before
        }
        DockerEngineSpec params = request.spec().task().engine().docker();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", EXIT_WRAPPER, "sh"));
        command.addAll(params.entrypoint());
        command.addAll(params.parameters());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(files.dir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(files.stderr().toFile()));
        builder.environment().put("HM_EXIT", files.exit().toString());
        // a plugin hosting this executor must not hand its token to the jobs it runs
        builder.environment().remove(io.harbormaster.core.plugin.PluginLauncher.TOKEN_ENV);
        for (String pair : params.environmentVariables()) {
            int eq = pair.indexOf('=');
            builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        try {
            Process process = builder.start();
            children.put(request.executionId(), process);
            // a command that ends at once may be gone before its start time can be read: its exit record tells
            String started = process.info().startInstant().map(Instant::toString).orElse("exited");
            Files.writeString(pidFile(files), process.pid() + " " + started, StandardCharsets.UTF_8);
            return handle(files);
        } catch (IOException io) {
            throw new ExecutorException("cannot start " + command + ": " + io.getMessage(), false, io);
        }
    }

    @Override
    public Map<String, Observation> recover(List<ExecutionRef> refs) {
        Map<String, Observation> observations = new LinkedHashMap<>();
        for (ExecutionRef ref : refs) {
            Process child = children.get(ref.executionId());
            if (child != null && child.isAlive()) {
                // a child cannot be a reused pid: the JDK has not reaped it yet
                observations.put(ref.executionId(), new Observation.Running("process alive, our own child"));
                continue;
            }
            Optional<ExitResult> exit = readExit(ref.files());
            if (exit.isPresent()) {
                observations.put(ref.executionId(), new Observation.Exited(exit.get().exitCode(),
                        exit.get().finishedAt(), "exit record says code " + exit.get().exitCode()));
            } else if (ourProcess(ref.files()).isPresent()) {
                observations.put(ref.executionId(), new Observation.Running("process alive, start time matches"));
            } else {
                observations.put(ref.executionId(), new Observation.Gone("no process and no exit record"));
            }
        }
        return observations;
    }

    @Override
    public CompletionStage<ExitResult> await(ExecutionRef ref) {
        CompletableFuture<ExitResult> result = new CompletableFuture<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(poller.scheduleWithFixedDelay(() -> {
            Optional<ExitResult> exit = readExit(ref.files());
            if (exit.isEmpty() && ourProcess(ref.files()).isEmpty() && !Files.exists(ref.files().exit())) {
                exit = Optional.of(new ExitResult(null, Instant.now(), "process vanished without an exit record"));
            }
            if (exit.isPresent() && result.complete(exit.get())) {
                task.get().cancel(false);
            }
        }, 20, 50, TimeUnit.MILLISECONDS));
        return result;
    }

    @Override
    public void stop(ExecutionRef ref, Duration grace) {
        ourProcess(ref.files()).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.onExit().completeOnTimeout(process, Math.max(grace.toMillis(), 1), TimeUnit.MILLISECONDS).join();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Override
    public List<OwnedResource> owned() {
        List<OwnedResource> owned = new ArrayList<>();
        try (var dirs = Files.list(executionsRoot)) {
            dirs.forEach(dir -> ourProcess(ExecutionFiles.under(executionsRoot, dir.getFileName().toString()))
                    .ifPresent(p -> owned.add(new OwnedResource("process", Long.toString(p.pid()),
                            dir.getFileName().toString(), "pid file with matching start time"))));
        } catch (IOException io) {
            return owned;
        }
        return owned;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private static ExecutorHandle handle(ExecutionFiles files) {
        return ExecutorHandle.of(TYPE, Map.of("pidFile", pidFile(files).toString()));
    }

    private static Path pidFile(ExecutionFiles files) {
        return files.dir().resolve("pid");
    }

    private static Optional<ProcessHandle> ourProcess(ExecutionFiles files) {
        try {
            String[] saved = Files.readString(pidFile(files), StandardCharsets.UTF_8).trim().split(" ");
            Instant savedStart = Instant.parse(saved[1]);
            return ProcessHandle.of(Long.parseLong(saved[0]))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(savedStart::equals).orElse(false));
        } catch (IOException | RuntimeException noPidFile) {
            return Optional.empty();
        }
    }

    private static Optional<ExitResult> readExit(ExecutionFiles files) {
        try {
            return ExitRecord.read(files.exit());
        } catch (IOException damagedOrHalfWritten) {
            return Optional.empty();
        }
    }
}
