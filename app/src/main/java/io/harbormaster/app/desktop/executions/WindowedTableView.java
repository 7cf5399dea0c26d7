package io.harbormaster.app.desktop.executions;

import java.util.function.IntConsumer;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * A table that holds a {@link RowWindow} of a longer list and tells assistive technology about the whole
 * list: its row count, its cells by their index in the whole list, and each row's and cell's index in it.
 * A screen reader asking for a row outside the window gets it: the window moves there first, as it does
 * when the operator scrolls.
 *
 * <p>Rows and cells report their index through {@link #sourceIndex}: the table's rows do when made by
 * {@link #row(Runnable)}, its cells when they extend {@link ExecutionCells.TextCell}.
 */
class WindowedTableView<T> extends TableView<T> {

    private RowWindow<T> window;
    private IntConsumer reveal = index -> { };

    /** Set by {@link WindowedScrolling}: the window this table shows, and how to bring a row of the list into it. */
    void windowed(RowWindow<T> window, IntConsumer reveal) {
        this.window = window;
        this.reveal = reveal;
    }

    /** The index in the whole list of the table's row {@code local}. */
    int sourceIndex(int local) {
        return window == null || local < 0 ? local : window.start() + local;
    }

    /**
     * A row that tells assistive technology its index in the whole list, and calls {@code onNewIndex} each
     * time it takes an index (in a layout pass).
     */
    TableRow<T> row(Runnable onNewIndex) {
        return new TableRow<>() {
            @Override
            public void updateIndex(int index) {
                super.updateIndex(index);
                onNewIndex.run();
            }

            @Override
            public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
                if (attribute == AccessibleAttribute.INDEX) {
                    return sourceIndex(getIndex());
                }
                return super.queryAccessibleAttribute(attribute, parameters);
            }
        };
    }

    /** The index {@code cell} tells assistive technology: in the whole list when its table is windowed. */
    static Object accessibleRowIndex(TableCell<?, ?> cell) {
        return cell.getTableView() instanceof WindowedTableView<?> windowed
                ? windowed.sourceIndex(cell.getIndex()) : cell.getIndex();
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (window == null) {
            return super.queryAccessibleAttribute(attribute, parameters);
        }
        switch (attribute) {
            case ROW_COUNT:
                return window.sourceSize();
            case CELL_AT_ROW_COLUMN: {
                int index = (Integer) parameters[0];
                if (index < 0 || index >= window.sourceSize()) {
                    return null;
                }
                if (window.localIndexOf(index) < 0) {
                    // the row is scrolled to and laid out now, so the cell asked for is one on screen
                    reveal.accept(index);
                    applyCss();
                    layout();
                }
                int local = window.localIndexOf(index);
                if (local < 0) {
                    return null;
                }
                Object[] inWindow = parameters.clone();
                inWindow[0] = local;
                return super.queryAccessibleAttribute(attribute, inWindow);
            }
            default:
                return super.queryAccessibleAttribute(attribute, parameters);
        }
    }
}
