package io.harbormaster.core.cli;

/** The {@code harbormaster} executable: runs the command line and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(HarbormasterCommand.commandLine().execute(args));
    }
}
