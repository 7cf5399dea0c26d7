/**
 * Hosting an executor in an external plugin process that outlives the node.
 *
 * <p>{@link io.harbormaster.core.plugin.PluginLauncher} spawns the plugin with the token in its
 * environment; the plugin prints one {@link io.harbormaster.core.plugin.PluginHandshake} line, closes
 * stdout and serves newline-delimited JSON ({@link io.harbormaster.core.plugin.PluginWire}) on a 0600
 * Unix socket in a 0700 runtime dir. Every connection starts with {@code hello} and the token.
 * {@link io.harbormaster.core.plugin.PluginProcess} finds a plugin again from its persisted
 * {@link io.harbormaster.core.execution.ReattachConfig}, checking pid <em>and</em> start time, and
 * {@link io.harbormaster.core.plugin.PluginExecutor} is the node's proxy for the executor it hosts.
 */
package io.harbormaster.core.plugin;
