package io.harbormaster.core.spec;

import io.harbormaster.core.HarbormasterException;
import java.util.List;
import java.util.stream.Collectors;

/** The job spec was rejected; {@link #problems()} lists every problem found, each at its path and line. */
public class SpecInvalidException extends HarbormasterException {

    private final List<SpecProblem> problems;

    public SpecInvalidException(List<SpecProblem> problems) {
        super("Invalid job spec:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
