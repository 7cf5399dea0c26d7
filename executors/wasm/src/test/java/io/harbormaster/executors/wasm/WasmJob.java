package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A wasm job for tests, written as the YAML a user would submit and parsed by the node's own parser. */
final class WasmJob {

    private record Input(Path source, String target, boolean readWrite) {
    }

    private final Path workDir;
    private final String entryModulePath;
    private String type = "batch";
    private String entryPoint;
    private final List<String> parameters = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Input> inputs = new ArrayList<>();
    private final List<Path> importModules = new ArrayList<>();

    private WasmJob(Path workDir, String entryModulePath) {
        this.workDir = workDir;
        this.entryModulePath = entryModulePath;
    }

    /** A job running fixture {@code name} ({@code fixtures/name.wasm}), copied under {@code workDir/modules}. */
    static WasmJob of(Path workDir, String fixture) {
        return new WasmJob(workDir, copyFixture(workDir.resolve("modules"), fixture).toString());
    }

    /** A job whose EntryModule is {@code path} as given: a file or a directory. */
    static WasmJob fromPath(Path workDir, Path path) {
        return new WasmJob(workDir, path.toString());
    }

    static Path copyFixture(Path dir, String fixture) {
        Path target = dir.resolve(fixture + ".wasm");
        try (InputStream in = WasmJob.class.getResourceAsStream("/fixtures/" + fixture + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WasmJob service() {
        type = "service";
        return this;
    }

    WasmJob entryPoint(String name) {
        entryPoint = name;
        return this;
    }

    WasmJob parameters(String... values) {
        parameters.addAll(List.of(values));
        return this;
    }

    WasmJob env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    WasmJob input(Path source, String target, boolean readWrite) {
        inputs.add(new Input(source, target, readWrite));
        return this;
    }

    WasmJob importModule(Path module) {
        importModules.add(module);
        return this;
    }

    String yaml() {
        StringBuilder yaml = new StringBuilder()
                .append("Name: wasm-test\n")
                .append("Type: ").append(type).append('\n')
                .append("Tasks:\n")
                .append("  - Name: main\n")
                .append("    Engine:\n")
                .append("      Type: wasm\n")
                .append("      Params:\n")
                .append("        EntryModule:\n")
                .append("          Source:\n")
                .append("            Type: localDirectory\n")
                .append("            Params:\n")
                .append("              SourcePath: ").append(quoted(entryModulePath)).append('\n');
        if (entryPoint != null) {
            yaml.append("        EntryPoint: ").append(quoted(entryPoint)).append('\n');
        }
        if (!parameters.isEmpty()) {
            yaml.append("        Parameters:\n");
            parameters.forEach(p -> yaml.append("          - ").append(quoted(p)).append('\n'));
        }
        if (!environment.isEmpty()) {
            yaml.append("        EnvironmentVariables:\n");
            environment.forEach((k, v) -> yaml.append("          ").append(k).append(": ").append(quoted(v)).append('\n'));
        }
        if (!importModules.isEmpty()) {
            yaml.append("        ImportModules:\n");
            importModules.forEach(m -> yaml.append("          - Source:\n")
                    .append("              Type: localDirectory\n")
                    .append("              Params:\n")
                    .append("                SourcePath: ").append(quoted(m.toString())).append('\n'));
        }
        if (!inputs.isEmpty()) {
            yaml.append("    InputSources:\n");
            for (Input input : inputs) {
                yaml.append("      - Target: ").append(quoted(input.target())).append('\n')
                        .append("        Source:\n")
                        .append("          Type: localDirectory\n")
                        .append("          Params:\n")
                        .append("            SourcePath: ").append(quoted(input.source().toString())).append('\n')
                        .append("            ReadWrite: ").append(input.readWrite()).append('\n');
            }
        }
        return yaml.toString();
    }

    StartRequest request(String executionId) {
        JobSpecParser parser = new JobSpecParser(LocalPathAllowList.of(List.of(workDir + "/**:rw")), Set.of("wasm"));
        return new StartRequest(executionId, "job-" + executionId, 1, parser.parse(yaml()).spec(),
                filesOf(workDir, executionId));
    }

    static ExecutionFiles filesOf(Path workDir, String executionId) {
        return ExecutionFiles.under(workDir.resolve("executions"), executionId);
    }

    static ExecutionRef refOf(Path workDir, String executionId) {
        return new ExecutionRef(executionId, null, null, filesOf(workDir, executionId));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
