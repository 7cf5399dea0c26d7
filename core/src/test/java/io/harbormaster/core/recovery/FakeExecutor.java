package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * An executor that only answers {@code recover}: what it says for each execution is set by the test, after a
 * fixed delay per call and per execution, as a real engine's list call takes time.
 */
public final class FakeExecutor implements Executor {

    private final String type;
    private final Map<String, Observation> answers = new HashMap<>();
    final List<List<String>> recoverCalls = new CopyOnWriteArrayList<>();
    private volatile Function<String, Observation> fallback = id -> new Observation.Gone("no trace of " + id);
    private volatile Duration perCall = Duration.ZERO;
    private volatile Duration perExecution = Duration.ZERO;
    private volatile RuntimeException failure;

    public FakeExecutor(String type) {
        this.type = type;
    }

    public synchronized FakeExecutor answer(String executionId, Observation observation) {
        answers.put(executionId, observation);
        return this;
    }

    public FakeExecutor answerAll(Function<String, Observation> answer) {
        this.fallback = answer;
        return this;
    }

    public FakeExecutor delays(Duration call, Duration execution) {
        this.perCall = call;
        this.perExecution = execution;
        return this;
    }

    public FakeExecutor failing(RuntimeException thrown) {
        this.failure = thrown;
        return this;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ExecutorHandle start(StartRequest request) {
        throw new UnsupportedOperationException("the fake only answers recover");
    }

    @Override
    public Map<String, Observation> recover(List<ExecutionRef> refs) {
        recoverCalls.add(refs.stream().map(ExecutionRef::executionId).toList());
        pause(perCall.plus(perExecution.multipliedBy(refs.size())));
        if (failure != null) {
            throw failure;
        }
        Map<String, Observation> result = new HashMap<>();
        synchronized (this) {
            refs.forEach(ref -> result.put(ref.executionId(),
                    answers.getOrDefault(ref.executionId(), fallback.apply(ref.executionId()))));
        }
        return result;
    }

    /** Sleeps without rounding each short delay up to a millisecond, as Thread.sleep would. */
    private static void pause(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < end) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(Math.min(end - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    @Override
    public CompletionStage<ExitResult> await(ExecutionRef ref) {
        return new CompletableFuture<>();
    }

    @Override
    public void stop(ExecutionRef ref, Duration grace) {
    }

    @Override
    public List<OwnedResource> owned() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
