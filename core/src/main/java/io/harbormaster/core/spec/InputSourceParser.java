package io.harbormaster.core.spec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bacalhau InputSources ({@code Alias}, {@code Target}, {@code Source{Type, Params}}). Only
 * {@code localDirectory} is supported, and only under the node's {@link LocalPathAllowList}.
 */
final class InputSourceParser {

    private static final KeyMatcher SOURCE_KEYS = KeyMatcher.of("Alias", "Target", "Source");
    private static final KeyMatcher SPEC_KEYS = KeyMatcher.of("Type", "Params");
    private static final KeyMatcher LOCAL_KEYS = KeyMatcher.of("SourcePath", "ReadWrite");

    /** Bacalhau's other storage types, so we can say "not yet" rather than "unknown". */
    private static final Set<String> NOT_YET = Set.of("urldownload", "url", "http", "https", "s3", "s3presigned",
            "ipfs", "inline", "git", "gitlfs", "repoclone", "repoclonelfs", "estuary", "filecoin", "noop");

    private final LocalPathAllowList allowList;
    private final ValueReader values;

    InputSourceParser(LocalPathAllowList allowList, ValueReader values) {
        this.allowList = allowList;
        this.values = values;
    }

    /** A task's {@code InputSources}: each needs a Target, and no two may share one. */
    List<InputSource> parseList(SpecNode node, String path) {
        SpecNode.ListNode list = values.list(node, path);
        if (list == null) {
            return null;
        }
        List<InputSource> sources = new ArrayList<>();
        Map<String, Integer> targets = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            SpecNode item = list.items().get(i);
            InputSource source = parse(item, itemPath, false);
            if (source == null) {
                continue;
            }
            Integer earlier = targets.putIfAbsent(source.target(), i);
            if (earlier != null) {
                values.problems().error(itemPath + ".Target", item.line(), "\"" + source.target()
                        + "\" is already the Target of " + path + "[" + earlier + "]");
            }
            sources.add(source);
        }
        return sources;
    }

    /**
     * @param moduleFile a wasm module: SourcePath may name the file itself and Target may be absent
     */
    InputSource parse(SpecNode node, String path, boolean moduleFile) {
        SpecNode.MapNode map = values.map(node, path);
        if (map == null) {
            return null;
        }
        MapFields fields = new MapFields(map, path, SOURCE_KEYS, values);
        String alias = fields.string("Alias");
        String target = fields.string("Target");
        boolean targetOk = checkTarget(fields, target, moduleFile);
        if (fields.get("Source").isEmpty()) {
            fields.required("Source");
            return null;
        }
        SourceDirectory source = parseSource(fields.get("Source").get(), fields.pathOf("Source"), moduleFile);
        if (source == null || !targetOk) {
            return null;
        }
        return new InputSource(alias, target, InputSource.LOCAL_DIRECTORY, source.path(), source.readWrite());
    }

    private record SourceDirectory(String path, boolean readWrite) {
    }

    private boolean checkTarget(MapFields fields, String target, boolean moduleFile) {
        if (target == null) {
            if (fields.get("Target").isPresent()) {
                return false; // present but not a string: already reported
            }
            if (!moduleFile) {
                fields.required("Target");
            }
            return moduleFile;
        }
        if (!target.startsWith("/")) {
            values.problems().error(fields.pathOf("Target"), fields.lineOf("Target"),
                    "must be an absolute path inside the task, like /inputs (got \"" + target + "\")");
            return false;
        }
        return true;
    }

    private SourceDirectory parseSource(SpecNode node, String path, boolean moduleFile) {
        SpecNode.MapNode map = values.map(node, path);
        if (map == null) {
            return null;
        }
        MapFields spec = new MapFields(map, path, SPEC_KEYS, values);
        String type = spec.requiredString("Type");
        if (type == null) {
            return null;
        }
        String folded = type.strip().toLowerCase(Locale.ROOT);
        if (!folded.equals(InputSource.LOCAL_DIRECTORY.toLowerCase(Locale.ROOT))) {
            String what = NOT_YET.contains(folded) ? "is not supported yet" : "is unknown";
            values.problems().error(spec.pathOf("Type"), spec.lineOf("Type"), "input source type \"" + type + "\" "
                    + what + " (this node supports: " + InputSource.LOCAL_DIRECTORY + ")");
            return null;
        }
        SpecNode.MapNode params = spec.get("Params").map(p -> values.map(p, spec.pathOf("Params")))
                .orElse(new SpecNode.MapNode(spec.lineOf("Params"), List.of()));
        if (params == null) {
            return null;
        }
        return parseLocal(new MapFields(params, spec.pathOf("Params"), LOCAL_KEYS, values), moduleFile);
    }

    private SourceDirectory parseLocal(MapFields params, boolean moduleFile) {
        String sourcePath = params.requiredString("SourcePath");
        Boolean readWrite = params.get("ReadWrite").map(v -> values.bool(v, params.pathOf("ReadWrite")))
                .orElse(Boolean.FALSE);
        if (sourcePath == null || readWrite == null) {
            return null;
        }
        String where = params.pathOf("SourcePath");
        int line = params.lineOf("SourcePath");
        Path path;
        try {
            path = Path.of(sourcePath);
        } catch (InvalidPathException e) {
            values.problems().error(where, line, "not a valid path: " + e.getReason());
            return null;
        }
        if (!path.isAbsolute()) {
            values.problems().error(where, line, "must be an absolute path on this machine (got \"" + sourcePath
                    + "\")");
            return null;
        }
        Path normalized = path.normalize();
        if (!allowList.allows(normalized, readWrite)) {
            values.problems().error(where, line, notAllowed(normalized, readWrite, moduleFile));
            return null;
        }
        return new SourceDirectory(normalized.toString(), readWrite);
    }

    private String notAllowed(Path path, boolean readWrite, boolean moduleFile) {
        Path dir = moduleFile && path.getParent() != null ? path.getParent() : path;
        String entry = (dir.getParent() == null ? "/**" : dir + "/**") + (readWrite ? ":rw" : ":ro");
        String problem = readWrite && allowList.allows(path, false)
                ? path + " is allow-listed read-only but ReadWrite is true"
                : path + " is not under an allow-listed path";
        return problem + "; start the node with --allow-listed-local-paths " + entry
                + " (or add it to allowListedLocalPaths in config.yaml)";
    }
}
