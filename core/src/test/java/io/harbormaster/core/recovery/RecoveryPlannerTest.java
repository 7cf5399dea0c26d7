package io.harbormaster.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach.Status;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every path through both policies' graphs, with what the executor and the plugin answered, and the action. */
class RecoveryPlannerTest {

    private static final Instant EXITED_AT = Instant.parse("2026-01-01T10:42:00Z");
    private static final Observation RUNNING = new Observation.Running("container hm-e-1 running since 10:41");
    private static final Observation EXITED = new Observation.Exited(3, EXITED_AT, "container hm-e-1 exited 3 at 10:42");
    private static final Observation NOT_STARTED = new Observation.NotStarted("container hm-e-1 created, never started");
    private static final Observation GONE = new Observation.Gone("no container labelled for e-1");
    private static final Observation UNKNOWN = new Observation.Unknown("engine did not answer within 10000 ms");

    /** One row: an execution's situation, the answers expected along its path, and the action it ends in. */
    record Row(RecoveryPolicy policy, String type, Status plugin, Observation seen, List<String> answers,
               RecoveryAction action, String evidence) {

        @Override
        public String toString() {
            return policy + " " + type + " plugin=" + plugin + " " + RecoveryPlanner.observed(seen) + " -> " + action;
        }
    }

    static final List<Row> ROWS = List.of(
            // extended, in-process: Have reattach details? no -> New plugin -> What does the executor still have?
            row(RecoveryPolicy.EXTENDED, "batch", null, RUNNING, RecoveryAction.REATTACH, "no reattach details persisted",
                    "", "no", "", "running"),
            row(RecoveryPolicy.EXTENDED, "batch", null, EXITED, RecoveryAction.ADOPT_RESULT, "exited 3 at 10:42",
                    "", "no", "", "exited"),
            row(RecoveryPolicy.EXTENDED, "batch", null, NOT_STARTED, RecoveryAction.RESUME, "never started",
                    "", "no", "", "not started"),
            row(RecoveryPolicy.EXTENDED, "batch", null, GONE, RecoveryAction.FAIL, "Type: batch",
                    "", "no", "", "gone", "no"),
            row(RecoveryPolicy.EXTENDED, "service", null, GONE, RecoveryAction.RERUN, "Type: service",
                    "", "no", "", "gone", "yes"),
            row(RecoveryPolicy.EXTENDED, "service", null, UNKNOWN, RecoveryAction.WAIT, "did not answer within",
                    "", "no", "", "unknown"),
            row(RecoveryPolicy.EXTENDED, "batch", null, UNKNOWN, RecoveryAction.WAIT, "did not answer within",
                    "", "no", "", "unknown"),
            // extended, with a plugin
            row(RecoveryPolicy.EXTENDED, "service", Status.RESPONDING, RUNNING, RecoveryAction.REATTACH, "ping 2 ms",
                    "", "yes", "yes", "", "running"),
            row(RecoveryPolicy.EXTENDED, "batch", Status.RESPONDING, EXITED, RecoveryAction.ADOPT_RESULT, "ping 2 ms",
                    "", "yes", "yes", "", "exited"),
            // the seed's third case: plugin dead, container still running
            row(RecoveryPolicy.EXTENDED, "service", Status.DEAD, RUNNING, RecoveryAction.REATTACH, "is not running",
                    "", "yes", "no", "", "running"),
            row(RecoveryPolicy.EXTENDED, "service", Status.DEAD, GONE, RecoveryAction.RERUN, "is not running",
                    "", "yes", "no", "", "gone", "yes"),
            // PID reuse: never ours, never signalled; the in-process executor answers
            row(RecoveryPolicy.EXTENDED, "batch", Status.PID_REUSED, GONE, RecoveryAction.FAIL, "left alone",
                    "", "yes", "no", "", "gone", "no"),
            row(RecoveryPolicy.EXTENDED, "service", Status.PID_REUSED, RUNNING, RecoveryAction.REATTACH, "never signalled",
                    "", "yes", "no", "", "running"),
            // a hung plugin proven ours: not asked, so unknown, so WAIT
            row(RecoveryPolicy.EXTENDED, "service", Status.NOT_RESPONDING, UNKNOWN, RecoveryAction.WAIT,
                    "ours but not answering", "", "yes", "no", "", "unknown"),
            // seed: batch -> Cancel, long-running -> Run
            row(RecoveryPolicy.SEED, "batch", null, RUNNING, RecoveryAction.CANCEL, "no reattach details persisted",
                    "", "no", "", "no", "executor answered"),
            row(RecoveryPolicy.SEED, "batch", null, EXITED, RecoveryAction.CANCEL, "exited 3",
                    "", "no", "", "no", "executor answered"),
            row(RecoveryPolicy.SEED, "batch", null, UNKNOWN, RecoveryAction.WAIT, "did not answer within",
                    "", "no", "", "no", "unknown"),
            row(RecoveryPolicy.SEED, "batch", Status.PID_REUSED, NOT_STARTED, RecoveryAction.CANCEL, "left alone",
                    "", "yes", "no", "", "no", "executor answered"),
            row(RecoveryPolicy.SEED, "service", null, RUNNING, RecoveryAction.REATTACH, "kept running",
                    "", "no", "", "yes", "", "running"),
            row(RecoveryPolicy.SEED, "service", Status.RESPONDING, EXITED, RecoveryAction.RERUN, "ping 2 ms",
                    "", "yes", "yes", "", "yes", "", "exited"),
            row(RecoveryPolicy.SEED, "service", Status.DEAD, NOT_STARTED, RecoveryAction.RESUME, "never started",
                    "", "yes", "no", "", "yes", "", "not started"),
            row(RecoveryPolicy.SEED, "service", null, GONE, RecoveryAction.RERUN, "no container labelled",
                    "", "no", "", "yes", "", "gone"),
            row(RecoveryPolicy.SEED, "service", Status.NOT_RESPONDING, UNKNOWN, RecoveryAction.WAIT, "not answering",
                    "", "yes", "no", "", "yes", "", "unknown"));

    private static Row row(RecoveryPolicy policy, String type, Status plugin, Observation seen, RecoveryAction action,
                           String evidence, String... answers) {
        return new Row(policy, type, plugin, seen, List.of(answers), action, evidence);
    }

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachSituationTakesItsPathAndEndsInItsAction(Row row) {
        RecoveryPlanner planner = new RecoveryPlanner(row.policy());
        RecoveryTrace trace = planner.trace(execution(row), probe(row), Instant.now());

        assertThat(trace.answers()).isEqualTo(row.answers());
        assertThat(trace.proposed()).isEqualTo(row.action());
        assertThat(trace.steps()).allSatisfy(step -> assertThat(planner.graph().node(step.node())).isNotNull());
        assertThat(trace.steps().get(0).node()).isEqualTo(RecoveryGraph.FOR_EACH);
        assertThat(trace.evidenceLine()).contains(row.evidence());
        if (row.seen() instanceof Observation.Exited) {
            assertThat(trace.exitCode()).isEqualTo(3);
            assertThat(trace.finishedAt()).isEqualTo(EXITED_AT);
        }
    }

    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void theRowsWalkEveryEdgeOfEachGraph(RecoveryPolicy policy) {
        RecoveryPlanner planner = new RecoveryPlanner(policy);
        Set<RecoveryGraph.Key> walked = new HashSet<>();
        ROWS.stream().filter(r -> r.policy() == policy).forEach(row -> {
            RecoveryTrace trace = planner.trace(execution(row), probe(row), Instant.now());
            for (int i = 0; i < trace.steps().size(); i++) {
                TraceStep step = trace.steps().get(i);
                String to = i + 1 < trace.steps().size() ? trace.steps().get(i + 1).node()
                        : RecoveryGraph.actionNode(trace.proposed());
                walked.add(new RecoveryGraph.Key(step.node(), to, step.answer()));
            }
        });
        Set<RecoveryGraph.Key> edges = new HashSet<>();
        planner.graph().edges().forEach(e -> edges.add(new RecoveryGraph.Key(e.from(), e.to(), e.answer())));
        assertThat(walked).isEqualTo(edges);
    }

    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void unknownNeverLeadsToRerunOrFail(RecoveryPolicy policy) {
        RecoveryGraph graph = RecoveryGraph.of(policy);
        assertThat(graph.edges()).filteredOn(e -> e.answer().equals(RecoveryGraph.UNKNOWN))
                .allSatisfy(e -> assertThat(e.to()).isEqualTo(RecoveryGraph.actionNode(RecoveryAction.WAIT)));
    }

    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void theSeedNodesKeepTheSeedsWording(RecoveryPolicy policy) {
        RecoveryGraph graph = RecoveryGraph.of(policy);
        assertThat(graph.nodes()).filteredOn(GraphNode::seed).extracting(GraphNode::label)
                .contains("For each live execution", "Have reattach details?", "Is plugin responding?", "Reattach",
                        "New plugin", "Long running?");
        assertThat(graph.nodes()).extracting(GraphNode::label).contains("What does the executor still have?", "RESUME");
        if (policy == RecoveryPolicy.SEED) {
            assertThat(graph.nodes()).extracting(GraphNode::label).contains("Run", "Cancel");
        }
    }

    @org.junit.jupiter.api.Test
    void onlyTheActionsThatChangeNothingThatRunsAreSafe() {
        assertThat(Stream.of(RecoveryAction.values()).filter(RecoveryAction::isSafe))
                .containsExactlyInAnyOrder(RecoveryAction.REATTACH, RecoveryAction.ADOPT_RESULT, RecoveryAction.RESUME);
    }

    private static Execution execution(Row row) {
        Execution execution = RecoveryFixtures.execution("e-1", row.type());
        return row.plugin() == null ? execution : RecoveryFixtures.withPlugin(execution, "/run/d-e1.sock");
    }

    private static ProbeResult probe(Row row) {
        if (row.plugin() == null) {
            return ProbeResult.inProcess(row.seen());
        }
        String evidence = switch (row.plugin()) {
            case RESPONDING -> "pid 4242 alive, start time matches, ping 2 ms";
            case DEAD -> "pid 4242 is not running";
            case PID_REUSED -> "pid 4242 alive but started at another time: pid reused by another process, not ours";
            case NOT_RESPONDING -> "pid 4242 alive, start time matches, but ping failed: timed out";
        };
        return new ProbeResult(row.plugin(), evidence, row.seen());
    }
}
