package io.harbormaster.core.spec;

import io.harbormaster.core.spec.SpecNode.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One map of the job model, its keys checked against a {@link KeyMatcher} on construction:
 * known keys are kept under their canonical spelling, ignored ones become warnings, and
 * unknown ones (typos, mostly) become errors.
 */
final class MapFields {

    private final SpecNode.MapNode node;
    private final String path;
    private final ValueReader values;
    private final Map<String, SpecNode.Entry> fields = new LinkedHashMap<>();

    MapFields(SpecNode.MapNode node, String path, KeyMatcher keys, ValueReader values) {
        this.node = node;
        this.path = path;
        this.values = values;
        Problems problems = values.problems();
        for (SpecNode.Entry entry : node.entries()) {
            Optional<String> known = keys.known(entry.key());
            if (known.isPresent()) {
                SpecNode.Entry earlier = fields.putIfAbsent(known.get(), entry);
                if (earlier != null) {
                    problems.error(pathOf(known.get()), entry.line(),
                            "duplicate key (" + earlier.key() + " is at line " + earlier.line() + ")");
                }
                continue;
            }
            Optional<KeyMatcher.Ignored> ignored = keys.ignored(entry.key());
            if (ignored.isPresent()) {
                problems.warn(pathOf(ignored.get().canonical()), "ignored, " + ignored.get().reason());
                continue;
            }
            problems.error(pathOf(entry.key()), entry.line(), "unknown key" + keys.suggestion(entry.key())
                    .map(s -> " (did you mean " + s + "?)")
                    .orElse(" (expected one of " + String.join(", ", keys.knownKeys()) + ")"));
        }
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Line of the key, or of the map itself when the key is missing. */
    int lineOf(String key) {
        SpecNode.Entry entry = fields.get(key);
        return entry == null ? node.line() : entry.line();
    }

    int line() {
        return node.line();
    }

    /** The value under a key; an explicit null counts as absent. */
    Optional<SpecNode> get(String key) {
        SpecNode.Entry entry = fields.get(key);
        if (entry == null || entry.value() instanceof ScalarNode scalar && scalar.isNull()) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    String string(String key) {
        return get(key).map(v -> values.string(v, pathOf(key))).orElse(null);
    }

    /** A string that must be there and not be blank. */
    String requiredString(String key) {
        Optional<SpecNode> value = get(key);
        if (value.isEmpty()) {
            required(key);
            return null;
        }
        String text = values.string(value.get(), pathOf(key));
        if (text != null && text.isBlank()) {
            values.problems().error(pathOf(key), lineOf(key), "required, and must not be blank");
            return null;
        }
        return text;
    }

    void required(String key) {
        values.problems().error(pathOf(key), lineOf(key), "required");
    }

    ValueReader values() {
        return values;
    }
}
