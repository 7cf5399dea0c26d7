package io.harbormaster.core.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.harbormaster.core.HarbormasterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code config.yaml}; a missing file is written with the defaults and comments. */
public final class NodeConfigFile {

    private static final Set<String> APPROVALS = Set.of("auto", "safe", "ask");
    private static final Set<String> POLICIES = Set.of("extended", "seed");

    private static final String TEMPLATE = """
            # Harbormaster node settings. Command-line flags override these; the desktop app edits them.
            #
            # Local directories jobs may mount (PATH[:ro|:rw], globs allowed), as Bacalhau's
            # --allow-listed-local-paths flag takes them. Nothing is allowed by default.
            allowListedLocalPaths: []
            # After a restart: auto applies every recovery action, safe applies only reattach,
            # adopt-result and resume at once, ask waits for the operator on every action.
            approval: safe
            # Per recovery action, auto or ask, over the approval above (e.g. RERUN: auto).
            recoveryApproval: {}
            # extended (default) or seed (the original flowchart: batch jobs are cancelled)
            recoveryPolicy: extended
            # Docker engine to use; empty means DOCKER_HOST or the platform default.
            dockerHost: null
            # Finished executions are kept this many days, and at most this many of them.
            retentionDays: 31
            retentionMaxCount: 100000
            # Loopback API port; 0 picks a free one (the CLI finds it in api.json).
            apiPort: 0
            # Seconds a stopped execution gets to exit before it is killed.
            stopGraceSeconds: 10
            # Per-executor settings, by engine type.
            executors: {}
            """;

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private NodeConfigFile() {
    }

    public static NodeConfig loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, TEMPLATE, StandardCharsets.UTF_8);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            NodeConfig config = text.isBlank() ? NodeConfig.DEFAULTS : YAML.readValue(text, NodeConfig.class);
            return validate(file, config == null ? NodeConfig.DEFAULTS : config);
        } catch (UnrecognizedPropertyException unknownKey) {
            throw new HarbormasterException("Cannot read " + file + " (line " + lineOfKey(file, unknownKey) + "): unknown setting '"
                    + unknownKey.getPropertyName() + "'; known settings: " + unknownKey.getKnownPropertyIds(), unknownKey);
        } catch (JsonProcessingException invalid) {
            String where = invalid.getLocation() == null ? "" : " (line " + invalid.getLocation().getLineNr() + ")";
            throw new HarbormasterException("Cannot read " + file + where + ": " + invalid.getOriginalMessage(),
                    invalid);
        } catch (IOException io) {
            throw new HarbormasterException("Cannot read or create " + file + ": " + io.getMessage(), io);
        }
    }

    public static void save(Path file, NodeConfig config) {
        validate(file, config);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, YAML.writeValueAsString(config), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException io) {
            throw new HarbormasterException("Cannot write " + file + ": " + io.getMessage(), io);
        }
    }

    /** Jackson reports an unknown key at the token after it; the key's own line is what a reader needs. */
    private static int lineOfKey(Path file, UnrecognizedPropertyException unknownKey) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).stripLeading().startsWith(unknownKey.getPropertyName() + ":")) {
                    return i + 1;
                }
            }
        } catch (IOException unreadable) {
            // fall back to Jackson's position below
        }
        return unknownKey.getLocation() == null ? 0 : unknownKey.getLocation().getLineNr();
    }

    static NodeConfig validate(Path file, NodeConfig config) {
        if (!APPROVALS.contains(config.approval())) {
            throw new HarbormasterException(file + ": approval must be one of auto, safe, ask, not '"
                    + config.approval() + "'");
        }
        if (!POLICIES.contains(config.recoveryPolicy())) {
            throw new HarbormasterException(file + ": recoveryPolicy must be extended or seed, not '"
                    + config.recoveryPolicy() + "'");
        }
        try {
            io.harbormaster.core.recovery.ApprovalPolicy.of(config.approval(), config.recoveryApproval());
        } catch (HarbormasterException bad) {
            throw new HarbormasterException(file + ": " + bad.getMessage(), bad);
        }
        if (config.retentionDays() < 1 || config.retentionMaxCount() < 1) {
            throw new HarbormasterException(file + ": retentionDays and retentionMaxCount must be at least 1");
        }
        if (config.apiPort() < 0 || config.apiPort() > 65535) {
            throw new HarbormasterException(file + ": apiPort must be between 0 and 65535");
        }
        if (config.stopGraceSeconds() < 0) {
            throw new HarbormasterException(file + ": stopGraceSeconds cannot be negative");
        }
        for (String type : config.executors().keySet()) {
            try {
                ExecutorHosting.dedicatedJit(config.executorSettings(type));
            } catch (HarbormasterException bad) {
                throw new HarbormasterException(file + ": executors." + type + "." + bad.getMessage(), bad);
            }
        }
        return config;
    }
}
