package io.harbormaster.core.recovery;

/**
 * One node an execution's path visited: the answer taken out of it and the line of evidence behind that answer
 * ("pid 4242 alive, start time matches, ping 2 ms"; "container hm-e-7f… exited 0 at 10:42").
 */
public record TraceStep(String node, String answer, String evidence) {
}
