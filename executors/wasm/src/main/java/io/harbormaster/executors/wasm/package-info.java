/**
 * The in-process WebAssembly executor: WASI preview1 modules run on Chicory, each execution on its
 * own thread, output appended straight to the execution's files, the end written as an exit record.
 *
 * <p>Settings (under {@code executors: wasm:} in the node's {@code config.yaml}): {@code machine} =
 * {@code auto|compiler|interpreter} (auto compiles each module to JVM bytecode once and interprets
 * one the compiler rejects; the handle's {@code machine} attribute says which ran), and
 * {@code maxMemoryMb} (256 by default), the most linear memory a module may have.
 *
 * <p>Compiled modules are kept in the data dir's {@code wasm-classes/} ({@link
 * io.harbormaster.executors.wasm.CompiledModuleStore}): the node compiles a module while the plugin that will
 * run it starts ({@code Executor.prepare}), and the plugin loads the classes without Chicory's compiler or ASM.
 *
 * <p>Limits worth knowing:
 * <ul>
 *   <li>In-process executions live and die with the JVM. Closing the executor interrupts them
 *       without an exit record, so recovery reports them gone; only a plugin process could keep
 *       one alive across a node restart.</li>
 *   <li>Chicory's WASI has no read-only pre-open. {@link io.harbormaster.executors.wasm.ReadOnlyPreopens}
 *       refuses writes through a read-only input and anything opened from it, but a read-write
 *       input whose host directory contains a read-only one still reaches it.</li>
 *   <li>A module that ignores interruption (stuck inside a host call) is recorded as stopped after
 *       the grace period; its thread is abandoned, not killed, because the JVM cannot kill a thread.</li>
 *   <li>{@code ImportModules} are refused; link them into the entry module.</li>
 * </ul>
 */
package io.harbormaster.executors.wasm;
