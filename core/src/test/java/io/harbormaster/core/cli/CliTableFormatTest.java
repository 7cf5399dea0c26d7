package io.harbormaster.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.api.FakeNodeService;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTableFormatTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void durationsReadLikeAnOperatorWouldSayThem() {
        assertThat(HumanDuration.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(HumanDuration.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(HumanDuration.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(HumanDuration.format(Duration.ofMinutes(127))).isEqualTo("2h07m");
        assertThat(HumanDuration.format(Duration.ofHours(76))).isEqualTo("3d04h");
        assertThat(HumanDuration.format(Duration.ofSeconds(-3))).isEqualTo("0s");
    }

    @Test
    void executionColumnsAreAlignedUnderTheirHeaders() {
        Execution running = Execution.accepted("e-1", "j-1", FakeNodeService.spec("short"), T0)
                .transitioned(ExecutionState.STARTING, "start", T0, 2)
                .transitioned(ExecutionState.RUNNING, "run", T0.plusSeconds(1), 3);
        Execution failed = Execution.accepted("e-22222", "j-2", FakeNodeService.spec("a-much-longer-name"), T0)
                .withExitCode(3)
                .transitioned(ExecutionState.STARTING, "start", T0, 2)
                .transitioned(ExecutionState.RUNNING, "run", T0, 3)
                .transitioned(ExecutionState.FAILED, "exit 3", T0.plusSeconds(65), 4);
        StringWriter text = new StringWriter();
        Clock clock = Clock.fixed(T0.plusSeconds(11), ZoneOffset.UTC);

        new ExecutionTable(clock).printExecutions(new PrintWriter(text), List.of(running, failed));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID       JOB                 TYPE   ENGINE  STATE    CREATED");
        int stateColumn = lines.get(0).indexOf("STATE");
        assertThat(lines.get(1).substring(stateColumn)).startsWith("RUNNING ");
        assertThat(lines.get(2).substring(stateColumn)).startsWith("FAILED ");
        assertThat(lines.get(1)).contains("2026-03-01 10:00:00", "10s", " - ");
        assertThat(lines.get(2)).contains("1m05s").matches(".*\\s3\\s+1$");
    }
}
