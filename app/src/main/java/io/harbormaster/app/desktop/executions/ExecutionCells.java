package io.harbormaster.app.desktop.executions;

import io.harbormaster.core.execution.ExecutionState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.TableCell;

/**
 * The executions table's cells. Each shows a text its row made once, off the FX thread; a cell sets
 * its text only when it changes and marks its state with a pseudo-class, which restyles it without the
 * full CSS pass a changed style class costs. Scrolling 100,000 rows then only hands strings over.
 */
final class ExecutionCells {

    private ExecutionCells() {
    }

    /** A cell showing {@code text} of its row. */
    static class TextCell extends TableCell<ExecutionRow, ExecutionRow> {

        private final Function<ExecutionRow, String> text;

        TextCell(Function<ExecutionRow, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(ExecutionRow row, boolean empty) {
            super.updateItem(row, empty);
            show(empty || row == null ? null : text.apply(row));
        }

        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            // its row's index in the whole list, not in the table's window of it
            if (attribute == AccessibleAttribute.ROW_INDEX) {
                return WindowedTableView.accessibleRowIndex(this);
            }
            return super.queryAccessibleAttribute(attribute, parameters);
        }

        final void show(String next) {
            if (!Objects.equals(next, getText())) {
                setText(next);
            }
        }
    }

    /** The state, coloured by a pseudo-class per state ({@code .execution-state:failed}). */
    static final class StateCell extends TextCell {

        private static final Map<ExecutionState, PseudoClass> STATES = new EnumMap<>(ExecutionState.class);

        static {
            for (ExecutionState state : ExecutionState.values()) {
                STATES.put(state, PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT)));
            }
        }

        private ExecutionState shown;

        StateCell() {
            super(row -> row.state().name());
            getStyleClass().add("execution-state");
        }

        @Override
        protected void updateItem(ExecutionRow row, boolean empty) {
            super.updateItem(row, empty);
            ExecutionState next = empty || row == null ? null : row.state();
            if (next != shown) {
                if (shown != null) {
                    pseudoClassStateChanged(STATES.get(shown), false);
                }
                if (next != null) {
                    pseudoClassStateChanged(STATES.get(next), true);
                }
                shown = next;
            }
        }
    }

    /**
     * The duration: fixed text for finished rows; for a running row it grows with {@code clock}. One
     * weak listener per cell (cells are reused), so rows scrolled past leave nothing behind.
     */
    static final class DurationCell extends TextCell {

        /** Held by the cell: the clock only holds it weakly. */
        private final ChangeListener<Instant> tick;

        DurationCell(ObservableValue<Instant> clock) {
            super(row -> row.durationText(clock.getValue()));
            this.tick = (obs, old, now) -> {
                ExecutionRow row = getItem();
                if (row != null && !isEmpty() && row.texts().duration() == null) {
                    show(row.durationText(now));
                }
            };
            clock.addListener(new WeakChangeListener<>(tick));
        }
    }
}
