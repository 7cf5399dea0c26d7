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
 * Read from the store in pages in the background; when a recovery event says it grew, only the entries after the
 * last one shown are read (the log is append-only), so a long log is not read again on every decision.
 */
public final class DecisionLogViewModel {

    private static final int PAGE = 1_000;

    private final BackgroundTasks tasks;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private ComputeNode node;
    /** The sequence after the last entry shown; UI thread only. */
    private long nextSequence;

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

    /** Reads the entries appended since the last read. */
    public void reload() {
        ComputeNode from = node;
        long start = nextSequence;
        tasks.run(() -> readFrom(from, start), this::append,
                failed -> message.set("Could not read the decision log: " + failed.getMessage()));
    }

    /** Two reads begun before either finished overlap: an entry already shown is not shown twice. */
    private void append(List<DecisionRecord> read) {
        List<String> added = new ArrayList<>();
        for (DecisionRecord entry : read) {
            if (entry.sequence() >= nextSequence) {
                added.add(line(entry));
                nextSequence = entry.sequence() + 1;
            }
        }
        lines.addAll(added);
    }

    private static List<DecisionRecord> readFrom(ComputeNode from, long start) {
        List<DecisionRecord> all = new ArrayList<>();
        long next = start;
        while (true) {
            List<DecisionRecord> page = from.store().decisions().read(next, PAGE);
            all.addAll(page);
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
