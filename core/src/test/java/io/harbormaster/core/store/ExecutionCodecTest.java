package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobType;
import io.harbormaster.core.spec.ResourceSpec;
import io.harbormaster.core.spec.TaskSpec;
import io.harbormaster.core.spec.WasmEngineSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionCodecTest {

    private final ExecutionCodec codec = new ExecutionCodec();

    @Test
    void executionWithEveryFieldSetRoundTripsExactly() {
        InputSource module = InputSource.localDirectory("/srv/modules", "/modules/main.wasm", true);
        JobSpec spec = new JobSpec("wasm-job", "ns", JobType.SERVICE, 1, Map.of("team", "a"), Map.of("m", "1"),
                new TaskSpec("main", EngineSpec.wasm(new WasmEngineSpec(module, "run", List.of("--x"),
                        Map.of("K", "V"), List.of(module))), Map.of("E", "1"), List.of(module),
                        Duration.ofMillis(1500), new ResourceSpec("500m", "1Gb", 500, 1L << 30)));
        Instant t = Instant.parse("2026-03-04T05:06:07.123456789Z");
        Execution execution = new Execution("e-1", "job-1", spec, ExecutionState.RUNNING, 7, 2, 3, t, t.plusNanos(1),
                t.plusSeconds(1), null, ExecutorHandle.of("wasm", Map.of("pid", "42")),
                new ReattachConfig("hm-plugin", 1, "/run/hm/p.sock", 4242, t.minusNanos(5), "token-ref"), "why");

        assertThat(codec.decodeExecution(codec.encode(execution))).isEqualTo(execution);
    }

    @Test
    void derivedFlagsAreNotWritten() {
        String json = new String(codec.encode(StoreFixtures.accepted("e-1")), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("longRunning").contains("2026-01-01T00:00:00.123456789Z");
    }

    @Test
    void historyEventWithoutFromStateRoundTrips() {
        HistoryEvent event = new HistoryEvent(StoreFixtures.T0, null, ExecutionState.PENDING, 0, "accepted");

        assertThat(codec.decodeHistory(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void garbageIsReportedAsAnUnreadableRecord() {
        assertThatThrownBy(() -> codec.decodeExecution("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ExecutionCodec.UnreadableRecordException.class);
    }
}
