/**
 * The {@code harbormaster} command line (picocli). Every command but {@code version} talks to a
 * running node through {@link io.harbormaster.core.api.ApiClient}; exit codes are in {@link io.harbormaster.core.cli.ExitCode}.
 */
package io.harbormaster.core.cli;
