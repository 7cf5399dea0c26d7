package io.harbormaster.app.desktop.executions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable array list whose {@link #setAll(Collection)} and {@link #addAll(Collection)} are one array
 * copy and one change each.
 *
 * <p>Why: the list behind {@code FXCollections.observableArrayList()} inherits both from
 * {@link ModifiableObservableListBase}, which adds element by element, recording each addition (and, for
 * the removals of a {@code setAll}, each removal) into the change it builds. Swapping the executions
 * table's 100,000 rows for a filter's result that way held the FX thread for tens of milliseconds between
 * two frames. Listeners see the same changes as before: a replacement (all removed, all added) for
 * {@code setAll}, an addition at the end for {@code addAll}.
 */
final class BulkList<E> extends ModifiableObservableListBase<E> implements RandomAccess {

    private ArrayList<E> items = new ArrayList<>();

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean setAll(Collection<? extends E> replacement) {
        ArrayList<E> before = items;
        // copied before anything changes: the replacement may be a view of this list
        items = new ArrayList<>(replacement);
        modCount++;
        if (before.isEmpty() && items.isEmpty()) {
            return true;
        }
        tell(() -> {
            if (!before.isEmpty()) {
                nextRemove(0, before);
            }
            if (!items.isEmpty()) {
                nextAdd(0, items.size());
            }
        });
        return true;
    }

    /**
     * Replaces every element, as {@link #setAll(Collection)} does, but told in three changes that never
     * leave the list empty: all but the first element removed, the new ones added after it, the first
     * removed. A list of fewer than two, or an empty replacement, is swapped in one change.
     *
     * <p>Why: JavaFX 21's table skin reads a change that replaces its rows, or removes as many rows as it
     * last laid out, as a new list. Its flow then takes every cell to no row and back to one in the next
     * layout (each cell emptied, restyled and filled again). Told in steps, the skin keeps each cell at its
     * place and only gives it its new row.
     */
    void setAllInSteps(Collection<? extends E> replacement) {
        if (items.size() < 2 || replacement.isEmpty()) {
            setAll(replacement);
            return;
        }
        // copied before anything changes: the replacement may be a view of this list
        ArrayList<E> next = new ArrayList<>(replacement);
        List<E> gone = new ArrayList<>(items.subList(1, items.size()));
        items.subList(1, items.size()).clear();
        modCount++;
        tell(() -> nextRemove(1, gone));
        items.addAll(next);
        modCount++;
        tell(() -> nextAdd(1, items.size()));
        E first = items.remove(0);
        modCount++;
        tell(() -> nextRemove(0, first));
    }

    @Override
    public boolean addAll(Collection<? extends E> added) {
        if (added.isEmpty()) {
            return false;
        }
        int from = items.size();
        items.addAll(added);
        modCount++;
        tell(() -> nextAdd(from, items.size()));
        return true;
    }

    /** Tells listeners of one change, made of what {@code steps} records. */
    private void tell(Runnable steps) {
        beginChange();
        try {
            steps.run();
        } finally {
            endChange();
        }
    }

    @Override
    public void clear() {
        setAll(List.of());
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }
}
