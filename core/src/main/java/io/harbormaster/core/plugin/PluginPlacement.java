package io.harbormaster.core.plugin;

/**
 * Where an execution's executor runs. The node picks one per execution; the protocol serves many
 * executions in every case, so the choice changes only how much one plugin's death touches.
 */
public enum PluginPlacement {

    /** In the node's own JVM: nothing survives the node, recovery asks the engine directly. */
    IN_PROCESS,

    /** One plugin per executor type, shared by its executions (the go-plugin model). */
    SHARED,

    /**
     * One plugin per long-running execution (the containerd-shim model): upgrading or losing a plugin
     * touches a single execution.
     */
    DEDICATED
}
