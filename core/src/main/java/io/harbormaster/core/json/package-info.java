/**
 * Hand-written JSON for the few messages a plugin reads and writes on every reattach.
 *
 * <p>A dedicated plugin serves only a handful of calls in its life, so its Jackson code (and the JDK's
 * date-time formatters) stay interpreted and every call pays for their generality. The reader and writer here
 * do exactly one shape each, with no reflection and no tree; anything outside that shape is handed back to
 * Jackson, which stays the protocol's reference.
 */
package io.harbormaster.core.json;
