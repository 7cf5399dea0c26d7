/**
 * The node's loopback HTTP API and its client.
 *
 * <p>{@link io.harbormaster.core.api.ApiServer} listens on 127.0.0.1 only; every request carries
 * {@code Authorization: Bearer <api.token>}. Routes, shaped after Bacalhau's orchestrator API:
 * <pre>
 * PUT  /api/v1/orchestrator/jobs              {"Job": {...}} as JSON, or the YAML file as it is
 *                                             -> {"JobID", "ExecutionID", "Warnings"}
 * GET  /api/v1/executions?state=A,B&amp;limit=N   -> {"Items": [execution...]}, newest first
 * GET  /api/v1/executions/{id}                -> {"Execution": {...}, "History": [...]}
 * POST /api/v1/executions/{id}/cancel         -> the execution after the cancel
 * GET  /api/v1/executions/{id}/logs?follow=true|false&amp;stream=stdout|stderr|both   (chunked text)
 * GET  /api/v1/node                           -> NodeInfo
 * POST /api/v1/node/shutdown?stopExecutions=true|false   -> 202, then the node stops
 * GET  /api/v1/events                         text/event-stream: id, event, data (NodeEvent JSON)
 * </pre>
 * Errors are {@code {"error": {"code", "message", "problems"}}}: 400 {@code spec_invalid} with the
 * spec problems, 401 {@code unauthorized}, 404 {@code unknown_execution} or {@code not_found},
 * 405, 413 {@code body_too_large}, 415, 503 {@code too_many_streams}.
 * {@link io.harbormaster.core.api.ApiClient} maps them back to the core's exceptions.
 */
package io.harbormaster.core.api;
