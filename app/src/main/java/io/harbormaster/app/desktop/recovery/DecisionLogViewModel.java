package io.harbormaster.app.desktop.recovery;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.store.DecisionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The node's decision log, browsable and exportable: every plan, proposal, decision and outcome with who made it.
 * Read from the store in pages in the background; read again when a recovery event says it grew.
 */
public final class DecisionLogViewModel {

    private static final int PAGE = 1_000;

    private final BackgroundTasks tasks;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private ComputeNode node;

    public DecisionLogViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    public void attach(ComputeNode readyNode) {
        this.node = readyNode;
        reload();
    }

    /** Called on the UI thread with each node event: recovery events mean new entries. */
    public void onEvent(NodeEvent event) {
        if (node != null && (event.type() == NodeEvent.Type.RECOVERY_PLAN
                || event.type() == NodeEvent.Type.RECOVERY_DECISION)) {
            reload();
        }
    }

    public void reload() {
        ComputeNode from = node;
        tasks.run(() -> readAll(from), lines::setAll,
                failed -> message.set("Could not read the decision log: " + failed.getMessage()));
    }

    private static List<String> readAll(ComputeNode from) {
        List<String> all = new ArrayList<>();
        long next = 0;
        while (true) {
            List<DecisionRecord> page = from.store().decisions().read(next, PAGE);
            page.forEach(entry -> all.add(line(entry)));
            if (page.size() < PAGE) {
                return all;
            }
            next = page.get(page.size() - 1).sequence() + 1;
        }
    }

    /** "2026-11-28T21:07:44Z  p-…  e-…  APPROVED  user:alice  FAIL - …": one entry, tab-free for any viewer. */
    static String line(DecisionRecord entry) {
        return entry.at() + "  " + entry.planId() + "  " + (entry.executionId() == null ? "-" : entry.executionId())
                + "  " + entry.kind() + "  " + entry.actor() + "  " + entry.detail();
    }

    /** Writes the log as shown, one entry a line, to {@code file}, in the background. */
    public void export(Path file) {
        List<String> snapshot = List.copyOf(lines);
        tasks.run(() -> {
            try {
                return Files.write(file, snapshot);
            } catch (IOException io) {
                throw new UncheckedIOException("Cannot write " + file + ": " + io.getMessage(), io);
            }
        }, written -> message.set(snapshot.size() + " entries written to " + written),
                failed -> message.set(failed.getMessage()));
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
