package io.harbormaster.core.api;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.node.ExecutionLogs;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeInfo;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.node.Submission;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobType;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.spec.SpecProblem;
import io.harbormaster.core.spec.TaskSpec;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory node for front-end tests. A spec containing {@code INVALID} is rejected with one
 * problem; the job name is taken from its {@code Name:} line. Tests drive executions with
 * {@link #advance} and {@link #appendOutput}, or let {@link #runSubmittedJobsTo} do it.
 */
public final class FakeNodeService implements NodeService {

    public static final SpecProblem INVALID_PROBLEM = new SpecProblem("Tasks[0].Engine.Params.Image", 7, "is required");
    private static final Pattern NAME = Pattern.compile("\"?Name\"?\\s*:\\s*\"?([\\w.-]+)");

    private final Path outputRoot;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, List<HistoryEvent>> histories = new ConcurrentHashMap<>();
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> submittedTexts = new CopyOnWriteArrayList<>();
    private final List<Boolean> shutdowns = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private long sequence;
    private volatile ExecutionState autoFinalState;
    private volatile Integer autoExitCode;

    public FakeNodeService(Path outputRoot) {
        this.outputRoot = outputRoot;
    }

    /** After this, each submitted job runs on its own thread to {@code state} with {@code exitCode}. */
    public void runSubmittedJobsTo(ExecutionState state, Integer exitCode) {
        this.autoFinalState = state;
        this.autoExitCode = exitCode;
    }

    @Override
    public Submission submit(String specText) {
        submittedTexts.add(specText);
        if (specText.contains("INVALID")) {
            throw new SpecInvalidException(List.of(INVALID_PROBLEM));
        }
        Matcher name = NAME.matcher(specText);
        String id = "e-" + ids.incrementAndGet();
        Instant now = Instant.now();
        Execution execution = Execution.accepted(id, "j-" + id.substring(2), spec(name.find() ? name.group(1) : "job"), now)
                .withRevision(1, now);
        executions.put(id, execution);
        histories.put(id, new CopyOnWriteArrayList<>(List.of(new HistoryEvent(now, null, ExecutionState.PENDING, 0, "accepted"))));
        emit(NodeEvent.Type.EXECUTION_ACCEPTED, id, ExecutionState.PENDING, "accepted");
        ExecutionState finalState = autoFinalState;
        if (finalState != null) {
            Integer exitCode = autoExitCode;
            Thread runner = new Thread(() -> runTo(id, finalState, exitCode), "fake-runner-" + id);
            runner.setDaemon(true);
            runner.start();
        }
        return new Submission(execution, List.of("Constraints are ignored on this node"));
    }

    private void runTo(String id, ExecutionState finalState, Integer exitCode) {
        try {
            Thread.sleep(50);
            advance(id, ExecutionState.STARTING, null);
            advance(id, ExecutionState.RUNNING, null);
            appendOutput(id, false, "working\n");
            Thread.sleep(50);
            advance(id, finalState, exitCode);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static JobSpec spec(String name) {
        TaskSpec task = new TaskSpec("main", EngineSpec.docker(new DockerEngineSpec("alpine:3", null, List.of("echo", "hi"), null, null)),
                null, null, null, null);
        return new JobSpec(name, null, JobType.BATCH, 1, null, null, task);
    }

    /** Moves an execution to {@code to}, appends history and emits the event. */
    public synchronized Execution advance(String id, ExecutionState to, Integer exitCode) {
        Execution current = executions.get(id);
        Instant now = Instant.now();
        Execution next = current.withExitCode(exitCode == null ? current.exitCode() : exitCode)
                .transitioned(to, "moved to " + to, now, current.revision() + 1);
        executions.put(id, next);
        histories.get(id).add(new HistoryEvent(now, current.state(), to, next.attempts(), next.reason()));
        emit(NodeEvent.Type.EXECUTION_STATE_CHANGED, id, to, next.reason());
        return next;
    }

    public void appendOutput(String id, boolean stderr, String text) {
        ExecutionLogs logs = logs(id);
        Path file = stderr ? logs.stderr() : logs.stdout();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void emit(NodeEvent.Type type, String executionId, ExecutionState state, String message) {
        NodeEvent event = new NodeEvent(++sequence, Instant.now(), type, executionId, state, message);
        listeners.forEach(listener -> listener.accept(event));
    }

    @Override
    public Optional<Execution> get(String executionId) {
        return Optional.ofNullable(executions.get(executionId));
    }

    @Override
    public List<Execution> list(Set<ExecutionState> states, int limit) {
        return executions.values().stream()
                .filter(e -> states.isEmpty() || states.contains(e.state()))
                .sorted(Comparator.comparing(Execution::createdAt).thenComparing(Execution::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<HistoryEvent> history(String executionId) {
        List<HistoryEvent> history = histories.get(executionId);
        if (history == null) {
            throw new UnknownExecutionException(executionId);
        }
        return new ArrayList<>(history);
    }

    @Override
    public synchronized Execution cancel(String executionId, String reason) {
        Execution current = get(executionId).orElseThrow(() -> new UnknownExecutionException(executionId));
        return current.state().isTerminal() ? current : advance(executionId, ExecutionState.CANCELLED, null);
    }

    @Override
    public ExecutionLogs logs(String executionId) {
        Path dir = outputRoot.resolve(executionId);
        return new ExecutionLogs(executionId, dir.resolve("stdout.log"), dir.resolve("stderr.log"));
    }

    @Override
    public NodeInfo info() {
        return new NodeInfo("n-fake", "0.1.0-test", ProcessHandle.current().pid(), outputRoot, Instant.EPOCH, List.of("docker", "wasm"));
    }

    @Override
    public Subscription subscribe(Consumer<NodeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void shutdown(boolean stopExecutions) {
        shutdowns.add(stopExecutions);
        emit(NodeEvent.Type.NODE_STOPPING, null, null, "stopping");
    }

    public int subscriberCount() {
        return listeners.size();
    }

    public List<String> submittedTexts() {
        return List.copyOf(submittedTexts);
    }

    public List<Boolean> shutdowns() {
        return List.copyOf(shutdowns);
    }
}
