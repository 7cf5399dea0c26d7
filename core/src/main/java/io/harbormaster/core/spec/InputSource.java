package io.harbormaster.core.spec;

import java.util.Objects;

/**
 * A Bacalhau InputSource. Only {@code localDirectory} is supported: {@code sourcePath} on this
 * machine, mounted at {@code target}, read-only unless {@code readWrite}.
 *
 * @param alias      Bacalhau's optional {@code Alias}; null when absent
 * @param target     where the task sees it; for a wasm {@code EntryModule} it may be null
 */
public record InputSource(String alias, String target, String sourceType, String sourcePath, boolean readWrite) {

    public static final String LOCAL_DIRECTORY = "localDirectory";

    public InputSource {
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(sourcePath, "sourcePath");
    }

    public static InputSource localDirectory(String sourcePath, String target, boolean readWrite) {
        return new InputSource(null, target, LOCAL_DIRECTORY, sourcePath, readWrite);
    }
}
