package io.harbormaster.core.api;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.node.DataDirectory;

/** No node answers on the data dir's API: none was started, or it died and left a stale api.json. */
public class NodeUnreachableException extends HarbormasterException {

    public NodeUnreachableException(DataDirectory dataDir, String detail, Throwable cause) {
        this("No node is running on " + dataDir.root() + " (start one with: harbormaster node --data-dir "
                + dataDir.root() + ")", detail, cause);
    }

    /** The technical message repeats the user's, so a log line alone says what failed. */
    public NodeUnreachableException(String userMessage, String detail, Throwable cause) {
        super(userMessage, userMessage + " [" + detail + "]", cause);
    }
}
