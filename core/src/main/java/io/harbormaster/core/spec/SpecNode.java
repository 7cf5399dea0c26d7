package io.harbormaster.core.spec;

import java.math.BigInteger;
import java.util.List;

/**
 * A value read from a job spec file, with the 1-based line it was named on. Jackson's own tree
 * keeps no locations, and every problem we report must carry one.
 */
sealed interface SpecNode permits SpecNode.MapNode, SpecNode.ListNode, SpecNode.ScalarNode {

    /** Line of the key that names this value, or of the value itself inside a list. */
    int line();

    /** What the user wrote, in words for an error message: "a map", "a list", "a string". */
    String describe();

    /** One {@code key: value} of a map, keeping the key's own line. */
    record Entry(String key, int line, SpecNode value) {
    }

    record MapNode(int line, List<Entry> entries) implements SpecNode {
        public MapNode {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record ListNode(int line, List<SpecNode> items) implements SpecNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * @param text    the scalar as written (for booleans and null, Jackson's spelling)
     * @param integer the value when {@code kind} is INTEGER, else null
     */
    record ScalarNode(int line, Kind kind, String text, BigInteger integer) implements SpecNode {

        enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case INTEGER -> "a whole number";
                case DECIMAL -> "a decimal number";
                case BOOLEAN -> "a boolean";
                case NULL -> "nothing";
            };
        }
    }
}
