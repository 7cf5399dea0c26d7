package io.harbormaster.executors.plugin;

/** A plugin that never prints its handshake. */
public final class SilentPlugin {

    private SilentPlugin() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.err.println("fake plugin: still thinking");
        Thread.sleep(60_000);
    }
}
