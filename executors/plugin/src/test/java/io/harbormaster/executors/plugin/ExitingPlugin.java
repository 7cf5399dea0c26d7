package io.harbormaster.executors.plugin;

/** A plugin that fails at once, saying why on stderr only. */
public final class ExitingPlugin {

    private ExitingPlugin() {
    }

    public static void main(String[] args) {
        System.err.println("fake plugin: cannot load the executor, giving up");
        System.exit(3);
    }
}
