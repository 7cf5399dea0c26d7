package io.harbormaster.core.cli;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.HistoryEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Executions and their history as aligned text columns, times in the operator's zone. */
final class ExecutionTable {

    private final Clock clock;
    private final DateTimeFormatter timeFormat;

    ExecutionTable(Clock clock) {
        this.clock = clock;
        this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone());
    }

    void printExecutions(PrintWriter out, List<Execution> executions) {
        TextTable table = new TextTable("ID", "JOB", "TYPE", "ENGINE", "STATE", "CREATED", "DURATION", "EXIT", "ATTEMPTS");
        for (Execution e : executions) {
            table.row(e.id(), e.spec().name(), e.spec().type().specName(), e.engineType(), e.state().name(),
                    time(e.createdAt()), duration(e), e.exitCode() == null ? "-" : e.exitCode().toString(),
                    Integer.toString(e.attempts()));
        }
        table.print(out);
    }

    void printHistory(PrintWriter out, List<HistoryEvent> history) {
        TextTable table = new TextTable("AT", "FROM", "TO", "ATTEMPT", "REASON");
        for (HistoryEvent h : history) {
            table.row(time(h.at()), h.from() == null ? "-" : h.from().name(), h.to().name(),
                    Integer.toString(h.attempt()), h.reason());
        }
        table.print(out);
    }

    String time(Instant instant) {
        return instant == null ? "-" : timeFormat.format(instant);
    }

    /** Run time so far, or until it finished; "-" before it started. */
    String duration(Execution execution) {
        if (execution.startedAt() == null) {
            return "-";
        }
        Instant end = execution.finishedAt() != null ? execution.finishedAt() : clock.instant();
        return HumanDuration.format(Duration.between(execution.startedAt(), end));
    }
}
