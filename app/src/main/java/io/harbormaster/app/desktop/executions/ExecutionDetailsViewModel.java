package io.harbormaster.app.desktop.executions;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.api.ApiJson;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.ExecutionLogs;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details pane of the selected execution: its spec, its state history and the tail of its
 * output. Everything is read in the background; a later selection wins over an earlier read.
 */
public final class ExecutionDetailsViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** What one read of the execution found. */
    private record Snapshot(Execution execution, List<HistoryEvent> history, String stdout, String stderr) {
    }

    private final BackgroundTasks tasks;
    private final StringProperty title = new SimpleStringProperty("No execution selected");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty spec = new SimpleStringProperty("");
    private final StringProperty log = new SimpleStringProperty("");
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private String shownId;
    private boolean reading;

    public ExecutionDetailsViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    /** Shows {@code executionId} (null clears the pane). */
    public void show(ComputeNode node, String executionId) {
        boolean other = executionId == null || !executionId.equals(shownId);
        shownId = executionId;
        if (executionId == null || node == null) {
            title.set("No execution selected");
            summary.set("");
            spec.set("");
            log.set("");
            live.set(false);
            history.clear();
            return;
        }
        if (other) {
            title.set(executionId);
        }
        read(node, executionId);
    }

    /** Reads the log again while the shown execution may still write to it; called by the pane's timer. */
    public void followLog(ComputeNode node) {
        if (shownId != null && live.get() && !reading) {
            read(node, shownId);
        }
    }

    private void read(ComputeNode node, String executionId) {
        reading = true;
        tasks.run(() -> snapshot(node, executionId), found -> {
            reading = false;
            if (executionId.equals(shownId)) {
                found.ifPresent(this::display);
            }
        }, failed -> {
            reading = false;
            summary.set("Could not read " + executionId + ": " + failed.getMessage());
        });
    }

    private static Optional<Snapshot> snapshot(ComputeNode node, String executionId) {
        return node.get(executionId).map(execution -> {
            ExecutionLogs logs = node.logs(executionId);
            return new Snapshot(execution, node.history(executionId), LogTail.read(logs.stdout(), LogTail.DEFAULT_BYTES),
                    LogTail.read(logs.stderr(), LogTail.DEFAULT_BYTES));
        });
    }

    private void display(Snapshot snapshot) {
        Execution execution = snapshot.execution();
        title.set(execution.spec().name() + " — " + execution.id());
        summary.set(execution.state() + (execution.exitCode() == null ? "" : ", exit code " + execution.exitCode())
                + ", attempt " + execution.attempts() + (execution.reason() == null ? "" : ": " + execution.reason()));
        spec.set(specText(execution));
        live.set(!execution.state().isTerminal());
        history.setAll(snapshot.history().stream().map(ExecutionDetailsViewModel::historyLine).toList());
        log.set(logText(snapshot.stdout(), snapshot.stderr()));
    }

    static String historyLine(HistoryEvent event) {
        String change = event.from() == null || event.from() == event.to() ? String.valueOf(event.to()) : event.from() + " → " + event.to();
        return TIME.format(event.at()) + "  " + change + "  (attempt " + event.attempt() + ")  " + event.reason();
    }

    static String logText(String stdout, String stderr) {
        if (stderr.isEmpty()) {
            return stdout;
        }
        return stdout + (stdout.isEmpty() || stdout.endsWith("\n") ? "" : "\n") + "── stderr ──\n" + stderr;
    }

    private static String specText(Execution execution) {
        try {
            return ApiJson.readableYamlMapper().writeValueAsString(execution.spec());
        } catch (JsonProcessingException unwritable) {
            return execution.spec().toString();
        }
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty specProperty() {
        return spec;
    }

    public StringProperty logProperty() {
        return log;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    public ObservableList<String> history() {
        return history;
    }
}
