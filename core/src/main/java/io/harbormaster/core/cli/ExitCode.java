package io.harbormaster.core.cli;

/** What the {@code harbormaster} command's exit status means; the root command's help repeats it. */
public final class ExitCode {

    public static final int OK = 0;
    /** {@code submit --wait} saw the execution end FAILED or CANCELLED; or the node failed the request. */
    public static final int EXECUTION_FAILED = 1;
    /** Bad command line, invalid job spec, or unknown execution id. */
    public static final int USAGE = 2;
    /** No node answers on the data dir, or it refused our token. */
    public static final int NODE_UNREACHABLE = 3;

    private ExitCode() {
    }
}
