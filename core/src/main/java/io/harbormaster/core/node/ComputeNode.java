package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.api.ApiServer;
import io.harbormaster.core.api.ApiServerConfig;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ProgressReporter;
import io.harbormaster.core.recovery.RecoveryDecisionException;
import io.harbormaster.core.recovery.RecoveryService;
import io.harbormaster.core.reset.EnvironmentReset;
import io.harbormaster.core.reset.ResetMode;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.spec.ParsedJob;
import io.harbormaster.core.store.ExecutionStore;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.store.RetentionPolicy;
import io.harbormaster.core.store.StoreException;
import io.harbormaster.core.store.UnknownExecutionException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compute node: opens the store, lets recovery look at what was live, starts what was pending,
 * then accepts and drives work until it is shut down.
 *
 * <p>Shutting down detaches by default: executions keep running and the next start finds them again,
 * like dockerd's live-restore.
 */
public final class ComputeNode implements NodeService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComputeNode.class);
    private static final Duration RETENTION_INTERVAL = Duration.ofHours(6);
    private static final Set<ExecutionState> LIVE = EnumSet.of(ExecutionState.STARTING, ExecutionState.RUNNING);

    private final DataDirectory dataDir;
    private final NodeConfig config;
    private final String nodeId;
    private final ExecutionStore store;
    private final ExecutorRegistry executors;
    private final ExecutorHosting hosting;
    private final JobSpecParser parser;
    private final NodeEventBus events;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final ExecutionDriver driver;
    private final Instant startedAt;
    private final EnvironmentReset reset;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile ApiServer api;
    private volatile RecoveryService recovery;

    private ComputeNode(NodeOptions options, NodeConfig config, String nodeId, ExecutionStore store,
                        ExecutorRegistry executors) {
        this.dataDir = options.dataDir();
        this.config = config;
        this.nodeId = nodeId;
        this.store = store;
        this.executors = executors;
        this.parser = new JobSpecParser(LocalPathAllowList.of(config.allowListedLocalPaths()), executors.types());
        this.events = new NodeEventBus(options.clock());
        this.workers = Executors.newCachedThreadPool(daemonThreads("execution-driver"));
        this.timers = Executors.newScheduledThreadPool(2, daemonThreads("node-timers"));
        this.hosting = new ExecutorHosting(executors, config, nodeId, dataDir);
        this.driver = new ExecutionDriver(store, hosting, dataDir, events, workers, timers);
        this.startedAt = options.clock().instant();
        this.reset = new EnvironmentReset(nodeId, dataDir, store, executors.all(),
                (execution, reason) -> driver.cancel(execution, reason, config.stopGrace()), config.stopGrace(),
                options.clock());
    }

    /**
     * Starts a node on {@code options}' data dir.
     *
     * @throws io.harbormaster.core.store.StoreLockedException if another process holds the store
     * @throws io.harbormaster.core.store.StoreCorruptException if the store cannot be read (it is moved aside)
     */
    public static ComputeNode start(NodeOptions options) {
        DataDirectory dataDir = options.dataDir();
        NodeLogFile.attach(dataDir.logsDir());
        NodeConfig config = options.applyTo(NodeConfigFile.loadOrCreate(dataDir.configFile()));
        NodeConfigFile.validate(dataDir.configFile(), config);
        String nodeId = NodeIdentity.loadOrCreate(dataDir.nodeIdFile());
        ExecutionStore store = MapDbExecutionStore.open(dataDir.storeDir());
        ExecutorRegistry executors;
        try {
            executors = ExecutorRegistry.load(options.executorLoader(), nodeId, dataDir, config);
        } catch (HarbormasterException failed) {
            store.close();
            throw failed;
        }
        ComputeNode node = new ComputeNode(options, config, nodeId, store, executors);
        node.boot(options);
        return node;
    }

    private void boot(NodeOptions options) {
        LOG.info("Node {} starting on {}", nodeId, dataDir.root());
        reportProgressOfExecutors();
        List<Execution> live = store.inStates(LIVE);
        LOG.info("{} executions were live when the node last stopped", live.size());
        options.recoveryHook().recover(this, live);
        if (options.apiEnabled()) {
            api = ApiServer.start(this, dataDir, ApiServerConfig.defaults().withPort(config.apiPort()));
        }
        for (Execution pending : store.inStates(EnumSet.of(ExecutionState.PENDING))) {
            driver.launch(pending.id());
        }
        // retention never delays a start: it only ever removes finished work, so it can run beside new work
        timers.scheduleWithFixedDelay(this::applyRetention, 1, RETENTION_INTERVAL.toMinutes(), TimeUnit.MINUTES);
        events.publish(NodeEvent.Type.NODE_STARTED, null, null, "node " + nodeId + " started");
        LOG.info("Node {} ready; executors: {}", nodeId, executors.types());
    }

    /** Executors that report slow steps (image pulls) have them published as EXECUTOR_PROGRESS events. */
    private void reportProgressOfExecutors() {
        for (Executor executor : executors.all()) {
            if (executor instanceof ProgressReporter reporter) {
                reporter.addProgressListener(step -> events.publish(NodeEvent.Type.EXECUTOR_PROGRESS, null, null,
                        step.message(), step.fraction() < 0 ? null : step.fraction()));
            }
        }
    }

    /** Prunes finished executions past the configured retention, with their files. Runs every few hours. */
    void applyRetention() {
        try {
            List<String> pruned = store.prune(new RetentionPolicy(Duration.ofDays(config.retentionDays()),
                    config.retentionMaxCount()), Instant.now());
            pruned.forEach(id -> ExecutionFilesCleaner.delete(driver.filesOf(id)));
            if (!pruned.isEmpty()) {
                LOG.info("Pruned {} finished executions past retention", pruned.size());
            }
        } catch (StoreException failed) {
            LOG.warn("Retention could not prune finished executions this time: {}", failed.getMessage());
        }
    }

    @Override
    public Submission submit(String specText) {
        ensureRunning();
        ParsedJob parsed = parser.parse(specText);
        return new Submission(accept("j-" + UUID.randomUUID(), parsed.spec()), parsed.warnings());
    }

    /** Stores a new execution of a job, says so on the event stream and hands it to the driver. */
    private Execution accept(String jobId, JobSpec spec) {
        Execution accepted = store.create(Execution.accepted("e-" + UUID.randomUUID(), jobId, spec, Instant.now()));
        events.publish(NodeEvent.Type.EXECUTION_ACCEPTED, accepted.id(), accepted.state(), spec.name());
        driver.launch(accepted.id());
        return accepted;
    }

    /**
     * Checks a job spec as {@link #submit} would, against this node's allow-list and executors, without
     * accepting it: for an editor that shows problems while the operator types.
     *
     * @throws io.harbormaster.core.spec.SpecInvalidException with every problem found
     */
    public ParsedJob validate(String specText) {
        return parser.parse(specText);
    }

    /**
     * Runs an execution's job again as a new execution of the same job id (the desktop's re-run), with
     * the spec exactly as it was accepted the first time.
     *
     * @throws UnknownExecutionException if no such execution
     */
    public Submission resubmit(String executionId) {
        ensureRunning();
        Execution previous = require(executionId);
        return new Submission(accept(previous.jobId(), previous.spec()), List.of());
    }

    @Override
    public Optional<Execution> get(String executionId) {
        return store.get(executionId);
    }

    @Override
    public List<Execution> list(Set<ExecutionState> states, int limit) {
        return store.list(states, limit);
    }

    @Override
    public List<HistoryEvent> history(String executionId) {
        require(executionId);
        return store.history(executionId);
    }

    @Override
    public Execution cancel(String executionId, String reason) {
        ensureRunning();
        return driver.cancel(require(executionId), reason, config.stopGrace());
    }

    @Override
    public ExecutionLogs logs(String executionId) {
        require(executionId);
        ExecutionFiles files = driver.filesOf(executionId);
        return new ExecutionLogs(executionId, files.stdout(), files.stderr());
    }

    @Override
    public NodeInfo info() {
        return new NodeInfo(nodeId, Version.current(), ProcessHandle.current().pid(), dataDir.root(), startedAt,
                List.copyOf(executors.types()));
    }

    @Override
    public Subscription subscribe(Consumer<NodeEvent> listener) {
        return events.subscribe(listener);
    }

    @Override
    public ResetPlan planReset(ResetMode mode, String actor) {
        ensureRunning();
        return reset.plan(mode, actor);
    }

    @Override
    public ResetPlan resetPlan(String planId) {
        return reset.load(planId);
    }

    @Override
    public ResetReport applyReset(String planId, String actor) {
        ensureRunning();
        return reset.apply(planId, actor, outcome -> events.publish(NodeEvent.Type.RESET_PROGRESS,
                outcome.executionId(), null, planId + ": " + outcome.describe()));
    }

    public String nodeId() {
        return nodeId;
    }

    public NodeConfig config() {
        return config;
    }

    public ExecutorRegistry executors() {
        return executors;
    }

    public ExecutionStore store() {
        return store;
    }

    public ExecutorHosting hosting() {
        return hosting;
    }

    ExecutionDriver driver() {
        return driver;
    }

    NodeEventBus events() {
        return events;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Called by the recovery hook before it plans, so operators can reach the plan as soon as it exists. */
    void attachRecovery(RecoveryService engine) {
        this.recovery = engine;
    }

    /**
     * The recovery plan made at start, and the operator's decisions on it.
     *
     * @throws RecoveryDecisionException if this node was started without a recovery engine
     */
    @Override
    public RecoveryService recovery() {
        RecoveryService engine = recovery;
        if (engine == null) {
            throw new RecoveryDecisionException("This node was started without the recovery engine");
        }
        return engine;
    }

    /** Blocks until the node has shut down (from the API, a signal or {@link #close}). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public void shutdown(boolean stopExecutions) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Node {} shutting down ({})", nodeId, stopExecutions ? "stopping executions" : "detaching");
        events.publish(NodeEvent.Type.NODE_STOPPING, null, null, stopExecutions ? "stopping executions" : "detaching");
        try {
            if (api != null) {
                api.close();
            }
            if (stopExecutions) {
                for (Execution execution : store.inStates(EnumSet.of(ExecutionState.PENDING, ExecutionState.STARTING,
                        ExecutionState.RUNNING))) {
                    driver.cancel(execution, "node shut down with --stop-executions", config.stopGrace());
                }
                hosting.stopAllPlugins(config.stopGrace());
            }
            timers.shutdownNow();
            workers.shutdown();
            awaitQuietly(workers);
            hosting.close();
            executors.close();
            events.close();
            store.close();
            LOG.info("Node {} stopped", nodeId);
        } finally {
            terminated.countDown();
        }
    }

    /** Detaches: the same as {@code shutdown(false)}. */
    @Override
    public void close() {
        shutdown(false);
    }

    private Execution require(String executionId) {
        return store.get(executionId).orElseThrow(() -> new UnknownExecutionException(executionId));
    }

    private void ensureRunning() {
        if (stopped.get()) {
            throw new HarbormasterException("The node is shutting down and accepts no more work");
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Some execution drivers were still busy at shutdown; their executions are left to recovery");
                pool.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
