package io.harbormaster.core.spec;

/**
 * One thing wrong with a job spec.
 *
 * @param path    where, as Bacalhau names it: {@code Tasks[0].Engine.Params.Image}
 * @param line    1-based line in the file, or 0 when the format gives none
 * @param message what is wrong and, where it helps, how to fix it
 */
public record SpecProblem(String path, int line, String message) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + path + ": " + message;
    }
}
