package io.harbormaster.core.reset;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a pid is still the process we launched. A pid alone proves nothing: the start time the node
 * recorded (or the plugin reported on our token-protected socket) must match the live process's.
 */
final class PluginProcessProof {

    private PluginProcessProof() {
    }

    /** The live process if {@code pid} runs and started at {@code recordedStart}. */
    static Optional<ProcessHandle> ours(long pid, Instant recordedStart) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(recordedStart::equals).orElse(false));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Why {@code pid} is not ours although it runs: one line for the plan. */
    static String mismatch(long pid, Instant recordedStart) {
        String actual = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toString)
                .orElse("an unreadable time");
        return "pid " + pid + " is alive but started at " + actual + ", not " + recordedStart
                + " as recorded: the pid was reused by another process";
    }
}
