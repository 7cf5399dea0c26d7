package io.harbormaster.core.recovery;

/** An arrow of the recovery flowchart; {@code answer} is empty when its source has only one way out. */
public record GraphEdge(String from, String to, String answer) {
}
