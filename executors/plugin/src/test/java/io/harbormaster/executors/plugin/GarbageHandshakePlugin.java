package io.harbormaster.executors.plugin;

/** A plugin that prints something other than a handshake, then lingers: the launcher must kill it. */
public final class GarbageHandshakePlugin {

    private GarbageHandshakePlugin() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.err.println("fake plugin: about to misbehave");
        System.out.println("Hello! I am definitely a plugin.");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
