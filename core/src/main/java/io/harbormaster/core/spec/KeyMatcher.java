package io.harbormaster.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keys one map of the job model may hold. Matching ignores case, as Bacalhau's decoder does
 * (its own docs write both {@code Entrypoint} and {@code EntryPoint}).
 */
final class KeyMatcher {

    /** A key Bacalhau has and this node accepts without acting on it. */
    record Ignored(String canonical, String reason) {
    }

    private final Map<String, String> known = new LinkedHashMap<>();
    private final Map<String, Ignored> ignored = new LinkedHashMap<>();

    private KeyMatcher() {
    }

    static KeyMatcher of(String... canonicalKeys) {
        KeyMatcher matcher = new KeyMatcher();
        for (String key : canonicalKeys) {
            matcher.known.put(fold(key), key);
        }
        return matcher;
    }

    KeyMatcher ignoring(String canonicalKey, String reason) {
        ignored.put(fold(canonicalKey), new Ignored(canonicalKey, reason));
        return this;
    }

    Optional<String> known(String key) {
        return Optional.ofNullable(known.get(fold(key)));
    }

    Optional<Ignored> ignored(String key) {
        return Optional.ofNullable(ignored.get(fold(key)));
    }

    /** The closest key this map accepts, if the given one looks like a typo of it. */
    Optional<String> suggestion(String key) {
        String folded = fold(key);
        List<String> candidates = new ArrayList<>(known.values());
        ignored.values().forEach(i -> candidates.add(i.canonical()));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(folded, fold(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = folded.length() <= 3 ? 1 : folded.length() <= 8 ? 2 : 3;
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The keys this map accepts, for "expected one of" messages. */
    List<String> knownKeys() {
        return List.copyOf(known.values());
    }

    private static String fold(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance, two rows at a time. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
