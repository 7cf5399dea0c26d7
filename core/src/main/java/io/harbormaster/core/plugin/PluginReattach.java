package io.harbormaster.core.plugin;

import io.harbormaster.core.executor.Observation;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to "is the plugin in this reattach config still there and ours?", with one line of
 * evidence a person can check ("pid 4242 alive, start time matches, ping 2 ms").
 *
 * @param info         what the plugin said about itself; present only when {@link Status#RESPONDING}
 * @param observations what the plugin still has of the executions it was asked about on the same connection;
 *                     empty when none were asked about or it could not say, and the caller asks it apart
 */
public record PluginReattach(Status status, String evidence, Optional<PluginWire.Info> info,
        Optional<Map<String, Observation>> observations) {

    public PluginReattach {
        observations = observations.map(Map::copyOf);
    }

    /** A check that asked about no execution. */
    public PluginReattach(Status status, String evidence, Optional<PluginWire.Info> info) {
        this(status, evidence, info, Optional.empty());
    }

    public enum Status {
        /** Our process, and it answered an authenticated ping: reattach. */
        RESPONDING,
        /** Our process (pid and start time match) but no sane answer: hung, or another version. */
        NOT_RESPONDING,
        /** No process with that pid. */
        DEAD,
        /** A live process with that pid but another start time: a stranger, never to be signalled. */
        PID_REUSED
    }

    public boolean responding() {
        return status == Status.RESPONDING;
    }

    /** True when the process is proven ours and alive, so stopping it harms no stranger. */
    public boolean provenOurs() {
        return status == Status.RESPONDING || status == Status.NOT_RESPONDING;
    }
}
