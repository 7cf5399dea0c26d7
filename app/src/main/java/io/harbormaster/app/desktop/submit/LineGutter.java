package io.harbormaster.app.desktop.submit;

import java.util.Set;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * Line numbers beside the spec editor, with the lines the node found problems on marked, scrolled
 * together with the editor so a mark stays beside its line.
 */
final class LineGutter extends Region {

    private final TextArea editor;
    private final VBox numbers = new VBox();
    private Set<Integer> marked = Set.of();

    LineGutter(TextArea editor) {
        this.editor = editor;
        getStyleClass().add("line-gutter");
        setId("line-gutter");
        getChildren().add(numbers);
        setMinWidth(44);
        setPrefWidth(44);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        editor.textProperty().addListener((obs, old, now) -> rebuild());
        editor.scrollTopProperty().addListener((obs, old, now) -> numbers.setTranslateY(-now.doubleValue()));
        rebuild();
    }

    void mark(Set<Integer> lines) {
        marked = Set.copyOf(lines);
        rebuild();
    }

    private void rebuild() {
        String text = editor.getText() == null ? "" : editor.getText();
        int lines = 1 + (int) text.chars().filter(c -> c == '\n').count();
        numbers.getChildren().clear();
        for (int line = 1; line <= lines; line++) {
            boolean problem = marked.contains(line);
            Text number = new Text((problem ? "● " : "") + line);
            number.getStyleClass().addAll("line-number", problem ? "line-number-problem" : "line-number-ok");
            number.setId(problem ? "problem-line-" + line : null);
            numbers.getChildren().add(number);
        }
    }

    @Override
    protected void layoutChildren() {
        // the editor's text starts below its own padding; the numbers start at the same height
        numbers.resizeRelocate(0, editor.getPadding().getTop() + 7, getWidth() - 6, numbers.prefHeight(getWidth()));
    }
}
