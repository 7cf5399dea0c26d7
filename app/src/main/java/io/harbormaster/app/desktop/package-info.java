/**
 * The desktop window. Each screen is a View (controls, bindings, nothing else) and a ViewModel
 * (JavaFX properties and logic, no controls), tested without a window.
 *
 * <p>Threads: the node runs in this process ({@code node.EmbeddedNode}). Every store, Docker or
 * plugin call goes through {@code node.BackgroundTasks}, whose answers come back on the UI thread;
 * node events reach the screens only through {@code node.NodeEventAdapter}, which hands a burst of
 * them to the FX thread in one go. Nothing else calls {@code Platform.runLater} (an ArchUnit test
 * checks it), so ViewModel tests run everything on their own thread.
 */
package io.harbormaster.app.desktop;
