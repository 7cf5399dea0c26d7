package io.harbormaster.core.spec;

import io.harbormaster.core.spec.SpecNode.ScalarNode;
import io.harbormaster.core.spec.SpecNode.ScalarNode.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link SpecNode} into the Java value a field needs, recording a problem at the
 * field's path when the user wrote another type. Each method returns null after such a problem.
 */
final class ValueReader {

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** Any scalar but null, as text: YAML reads {@code Name: 42} as a number. */
    String string(SpecNode node, String path) {
        if (node instanceof ScalarNode scalar && !scalar.isNull()) {
            return scalar.text();
        }
        return typeError(node, path, "a string");
    }

    Boolean bool(SpecNode node, String path) {
        if (node instanceof ScalarNode scalar) {
            String text = scalar.text().strip().toLowerCase(Locale.ROOT);
            if ((scalar.kind() == Kind.BOOLEAN || scalar.kind() == Kind.STRING)
                    && (text.equals("true") || text.equals("false"))) {
                return text.equals("true");
            }
        }
        return typeError(node, path, "true or false");
    }

    BigInteger integer(SpecNode node, String path) {
        if (node instanceof ScalarNode scalar && scalar.kind() == Kind.INTEGER) {
            return scalar.integer();
        }
        return typeError(node, path, "a whole number");
    }

    SpecNode.MapNode map(SpecNode node, String path) {
        if (node instanceof SpecNode.MapNode map) {
            return map;
        }
        return typeError(node, path, "a map");
    }

    SpecNode.ListNode list(SpecNode node, String path) {
        if (node instanceof SpecNode.ListNode list) {
            return list;
        }
        return typeError(node, path, "a list");
    }

    List<String> stringList(SpecNode node, String path) {
        SpecNode.ListNode list = list(node, path);
        if (list == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        boolean allGood = true;
        for (int i = 0; i < list.items().size(); i++) {
            String value = string(list.items().get(i), path + "[" + i + "]");
            allGood &= value != null;
            values.add(value);
        }
        return allGood ? values : null;
    }

    /** A map of strings; a key with no value reads as "", as Go would decode it. */
    Map<String, String> stringMap(SpecNode node, String path) {
        SpecNode.MapNode map = map(node, path);
        if (map == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        boolean allGood = true;
        for (SpecNode.Entry entry : map.entries()) {
            String entryPath = path + "." + entry.key();
            if (lines.containsKey(entry.key())) {
                problems.error(entryPath, entry.line(), "duplicate key (first at line " + lines.get(entry.key()) + ")");
                allGood = false;
                continue;
            }
            lines.put(entry.key(), entry.line());
            boolean empty = entry.value() instanceof ScalarNode scalar && scalar.isNull();
            String value = empty ? "" : string(entry.value(), entryPath);
            allGood &= value != null;
            values.put(entry.key(), value == null ? "" : value);
        }
        return allGood ? values : null;
    }

    <T> T typeError(SpecNode node, String path, String expected) {
        problems.error(path, node.line(), "expected " + expected + ", got " + node.describe());
        return null;
    }
}
