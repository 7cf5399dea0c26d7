package io.harbormaster.core.spec;

import java.util.ArrayList;
import java.util.List;

/** Everything wrong (and everything ignored) in one job spec, gathered so the user sees it all at once. */
final class Problems {

    /** Path for problems with the document as a whole: empty, not YAML, not a map. */
    static final String DOCUMENT = "Job";

    private final List<SpecProblem> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(String path, int line, String message) {
        errors.add(new SpecProblem(path, Math.max(line, 0), message));
    }

    void warn(String path, String message) {
        warnings.add(path + ": " + message);
    }

    void addAll(Problems other) {
        errors.addAll(other.errors);
        warnings.addAll(other.warnings);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<SpecProblem> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
