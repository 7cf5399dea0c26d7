package io.harbormaster.core.spec;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * The host paths a {@code localDirectory} input may mount, in Bacalhau's flag format
 * {@code PATH[:ro|:rw],...}: read-only unless {@code :rw}. A PATH is a glob ({@code /data/**},
 * {@code /tmp/*}) or a plain path, which allows itself and everything beneath it.
 */
public final class LocalPathAllowList {

    private static final String GLOB_CHARS = "*?[{";
    private static final LocalPathAllowList NONE = new LocalPathAllowList(List.of());

    /**
     * @param self for a glob ending in {@code /**}, matches the directory itself; else null
     * @param base for a plain path, the path; else null
     */
    private record Entry(String pattern, boolean readWrite, PathMatcher glob, PathMatcher self, Path base) {

        boolean allows(Path normalized, boolean wantsWrite) {
            if (wantsWrite && !readWrite) {
                return false;
            }
            if (base != null) {
                return normalized.startsWith(base);
            }
            return glob.matches(normalized) || self != null && self.matches(normalized);
        }

        String text() {
            return pattern + (readWrite ? ":rw" : ":ro");
        }
    }

    private final List<Entry> entries;

    private LocalPathAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static LocalPathAllowList none() {
        return NONE;
    }

    /** Reads the flag's value; null or blank allows nothing. */
    public static LocalPathAllowList parse(String flagValue) {
        if (flagValue == null || flagValue.isBlank()) {
            return NONE;
        }
        return of(List.of(flagValue.split(",")));
    }

    /** One entry per element, each {@code PATH[:ro|:rw]}; blank elements are skipped. */
    public static LocalPathAllowList of(List<String> entries) {
        List<Entry> parsed = new ArrayList<>();
        for (String raw : entries) {
            if (raw != null && !raw.isBlank()) {
                parsed.add(entryOf(raw.strip()));
            }
        }
        return new LocalPathAllowList(parsed);
    }

    /** Whether {@code path} (after resolving {@code ..}) may be mounted, read-write if asked. */
    public boolean allows(Path path, boolean readWrite) {
        if (path == null || !path.isAbsolute()) {
            return false;
        }
        Path normalized = path.normalize();
        return entries.stream().anyMatch(e -> e.allows(normalized, readWrite));
    }

    /** The entries as {@code PATH:ro} or {@code PATH:rw}. */
    public List<String> entries() {
        return entries.stream().map(Entry::text).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", entries());
    }

    private static Entry entryOf(String raw) {
        String pattern = raw;
        boolean readWrite = false;
        int colon = raw.lastIndexOf(':');
        if (colon >= 0) {
            String suffix = raw.substring(colon + 1);
            if (suffix.equalsIgnoreCase("rw") || suffix.equalsIgnoreCase("ro")) {
                pattern = raw.substring(0, colon);
                readWrite = suffix.equalsIgnoreCase("rw");
            } else if (suffix.indexOf('/') < 0 && suffix.indexOf('\\') < 0) {
                throw new AllowListInvalidException("allow-listed path \"" + raw + "\" has an unknown suffix \":"
                        + suffix + "\"; use :ro (read-only, the default) or :rw (read-write)");
            }
        }
        if (pattern.isEmpty()) {
            throw new AllowListInvalidException("allow-listed path \"" + raw + "\" has no path");
        }
        int firstGlob = firstGlobChar(pattern);
        return firstGlob < 0 ? plainEntry(raw, pattern, readWrite) : globEntry(raw, pattern, firstGlob, readWrite);
    }

    private static Entry plainEntry(String raw, String pattern, boolean readWrite) {
        Path base = absolute(raw, pattern);
        return new Entry(base.toString(), readWrite, null, null, base);
    }

    private static Entry globEntry(String raw, String pattern, int firstGlob, boolean readWrite) {
        int lastSeparator = pattern.lastIndexOf('/', firstGlob);
        absolute(raw, lastSeparator < 0 ? pattern.substring(0, firstGlob)
                : lastSeparator == 0 ? "/" : pattern.substring(0, lastSeparator));
        if (pattern.contains("/../") || pattern.endsWith("/..")) {
            throw new AllowListInvalidException("allow-listed path \"" + raw + "\" must not contain \"..\"");
        }
        PathMatcher self = null;
        String withoutTail = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : "";
        if (!withoutTail.isEmpty() && firstGlobChar(withoutTail) < 0) {
            // "/data/**" should let a job mount /data itself, as a user reading it would expect
            Path dir = absolute(raw, withoutTail);
            self = p -> p.equals(dir);
        }
        try {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return new Entry(pattern, readWrite, glob, self, null);
        } catch (PatternSyntaxException e) {
            throw new AllowListInvalidException("allow-listed path \"" + raw + "\" is not a valid glob: "
                    + e.getDescription());
        }
    }

    private static Path absolute(String raw, String path) {
        try {
            Path parsed = Path.of(path);
            if (!parsed.isAbsolute()) {
                throw new AllowListInvalidException("allow-listed path \"" + raw + "\" must be absolute");
            }
            return parsed.normalize();
        } catch (InvalidPathException e) {
            throw new AllowListInvalidException("allow-listed path \"" + raw + "\" is not a valid path: "
                    + e.getReason());
        }
    }

    private static int firstGlobChar(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (GLOB_CHARS.indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
