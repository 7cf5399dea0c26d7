package io.harbormaster.app.desktop.executions;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * At most {@code capacity} consecutive rows of a long list, kept equal to {@code source.subList(start,
 * start + capacity)} through every change of the source.
 *
 * <p>Why: JavaFX's {@code VirtualFlow} walks its whole item list on every layout (it sums each row's
 * height to find the first visible row and the scroll position, even when every row has one fixed
 * height), so with 100,000 executions that walk was most of the layout of a scrolled frame. The
 * executions table shows this window instead; {@link WindowedScrolling} gives it a scroll bar over the
 * whole list and moves the window when the table scrolls near either of its edges. A source no longer
 * than the capacity is shown whole.
 */
final class RowWindow<T> {

    private final ObservableList<T> source;
    private final BulkList<T> rows = new BulkList<>();
    private final int capacity;
    private final ReadOnlyIntegerWrapper start = new ReadOnlyIntegerWrapper(this, "start");
    private final ReadOnlyIntegerWrapper sourceSize = new ReadOnlyIntegerWrapper(this, "sourceSize");
    private Runnable beforeSwap = () -> { };
    /** Where the next change of the source centres the window, or -1: see {@link #centreOnNextChange}. */
    private int centreNext = -1;

    RowWindow(ObservableList<T> source, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one row, not " + capacity);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.capacity = capacity;
        source.addListener((ListChangeListener<T>) this::sourceChanged);
        resync();
        sourceSize.set(source.size());
    }

    /** The rows to show: a window onto the source. Change the source, not this list. */
    ObservableList<T> rows() {
        return rows;
    }

    /** The source index of {@code rows().get(0)}. */
    int start() {
        return start.get();
    }

    ReadOnlyIntegerProperty startProperty() {
        return start.getReadOnlyProperty();
    }

    int capacity() {
        return capacity;
    }

    int sourceSize() {
        return source.size();
    }

    /** The source's length: it changes without the window's rows or start changing when rows arrive below the window. */
    ReadOnlyIntegerProperty sourceSizeProperty() {
        return sourceSize.getReadOnlyProperty();
    }

    /**
     * Runs {@code action} before the window swaps all its rows for others (a move, or a source replaced
     * whole). The swap is told in steps (see {@link BulkList#setAllInSteps}), through which a list's
     * selection would shift from row to row: a table clears its selection here, and selects again after.
     */
    void beforeSwap(Runnable action) {
        this.beforeSwap = Objects.requireNonNull(action, "action");
    }

    /** Whether the source is longer than the window, so the window can move. */
    boolean windowed() {
        return source.size() > capacity;
    }

    /** Moves the window to start at {@code first}, kept within the source; returns how far it moved. */
    int moveTo(int first) {
        int before = start.get();
        start.set(clamp(first));
        resync();
        return start.get() - before;
    }

    /** Moves the window so that source index {@code index} is in its middle (or as near as the ends allow). */
    int centreOn(int index) {
        return moveTo(index - capacity / 2);
    }

    /**
     * Makes the source's next change, a list about to replace it whole, leave the window centred on
     * {@code index} of that list (or as near as its ends allow), in the one swap that change takes. Moving
     * the window after the change would swap its rows twice.
     */
    void centreOnNextChange(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("no row at index " + index);
        }
        centreNext = index;
    }

    /** Where source index {@code index} is in {@link #rows()}, or -1 when it is outside the window. */
    int localIndexOf(int index) {
        int local = index - start.get();
        return local >= 0 && local < rows.size() ? local : -1;
    }

    private void sourceChanged(ListChangeListener.Change<? extends T> change) {
        boolean handled = false;
        if (centreNext >= 0) {
            start.set(clamp(centreNext - capacity / 2));
            centreNext = -1;
        } else if (change.next()) {
            boolean single = !change.next();
            change.reset();
            change.next();
            if (single) {
                handled = applyOne(change);
            }
        }
        if (!handled) {
            resync();
        }
        sourceSize.set(source.size());
    }

    /** One set, insertion or removal, applied without rebuilding the window; false if it needs a rebuild. */
    private boolean applyOne(ListChangeListener.Change<? extends T> change) {
        if (change.wasPermutated() || change.wasUpdated()) {
            return false;
        }
        int from = change.getFrom();
        int first = start.get();
        int end = first + rows.size();
        if (change.wasReplaced()) {
            if (change.getAddedSize() != 1 || change.getRemovedSize() != 1) {
                return false;
            }
            if (from >= first && from < end) {
                rows.set(from - first, source.get(from));
            }
            return settled();
        }
        if (change.wasAdded()) {
            int added = change.getAddedSize();
            if (from < first) {
                // rows arrived before the window: it keeps showing the same rows, now further down
                start.set(first + added);
            } else if (from <= end && from - first < capacity) {
                int room = capacity - (from - first);
                List<? extends T> arrived = change.getAddedSubList();
                rows.addAll(from - first, arrived.size() > room ? arrived.subList(0, room) : arrived);
                if (rows.size() > capacity) {
                    rows.remove(capacity, rows.size());
                }
            }
            return settled();
        }
        if (change.wasRemoved()) {
            int removed = change.getRemovedSize();
            if (from + removed <= first) {
                start.set(first - removed);
            } else if (from >= end) {
                return settled();
            } else if (from >= first && from + removed <= end) {
                rows.remove(from - first, from - first + removed);
            } else {
                return false;
            }
            return settled();
        }
        return false;
    }

    /**
     * After an incremental change: tops the window up from the source when rows left it, and answers
     * false (rebuild) if it no longer matches where it should be.
     */
    private boolean settled() {
        int first = start.get();
        if (first != clamp(first)) {
            return false;
        }
        int wanted = Math.min(capacity, source.size() - first);
        if (rows.size() < wanted) {
            rows.addAll(source.subList(first + rows.size(), first + wanted));
        }
        return rows.size() == wanted;
    }

    private void resync() {
        start.set(clamp(start.get()));
        int first = start.get();
        List<T> wanted = source.subList(first, Math.min(source.size(), first + capacity));
        if (!sameRows(wanted)) {
            beforeSwap.run();
            rows.setAllInSteps(wanted);
        }
    }

    private boolean sameRows(List<T> wanted) {
        if (wanted.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i) != rows.get(i)) {
                return false;
            }
        }
        return true;
    }

    private int clamp(int first) {
        return Math.max(0, Math.min(first, source.size() - capacity));
    }
}
