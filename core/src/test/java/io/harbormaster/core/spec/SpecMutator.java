package io.harbormaster.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes broken variants of the valid sample jobs: most mutations act on the Jackson tree (so the
 * text stays well-formed and reaches semantic validation), some then damage the text itself.
 */
final class SpecMutator {

    /** One generated input, with what was done to it, so a failure report can be read. */
    record Mutant(long seed, List<String> operations, String text) {
        @Override
        public String toString() {
            return "seed " + seed + " " + operations + ":\n" + text;
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> SAMPLES = SpecSamples.ALL.stream().map(SpecMutator::tree).toList();

    private static final String[] WORDS = {
        "docker", "wasm", "DOCKER", "Wasm", "batch", "service", "ops", "daemon", "Batch", "cron", "foo",
        "localDirectory", "localdirectory", "s3", "urlDownload", "ipfs", "500m", "0.5", "2", "1Gb", "256MiB",
        "lots", "/data/books", "/data/out/x", "/etc", "/data/../etc", "relative/path", "/inputs", "", " ",
        "KEY=value", "NOEQUALS", "_start", "alpine", "true", "false", "-1", "0", "1", "null", "~", "é✓", "a:b"};
    private static final String[] KEYS = {
        "Name", "Type", "Count", "Tasks", "Engine", "Params", "Image", "Entrypoint", "EntryPoint", "Parameters",
        "EnvironmentVariables", "WorkingDirectory", "EntryModule", "ImportModules", "InputSources", "Source",
        "SourcePath", "ReadWrite", "Target", "Alias", "Timeouts", "ExecutionTimeout", "QueueTimeout", "Resources",
        "CPU", "Memory", "GPU", "Disk", "Labels", "Meta", "Env", "Publisher", "Network", "ID", "Priority",
        "Constraints", "Job", "Imagee", "Nmae", "x"};
    private static final String NOISE = ":{}[],-#&*!|>'\"%@`?\t\n\\ aZ09é\u0000\u00a0\ufeff";

    private final Random random;
    private final List<String> operations = new ArrayList<>();

    private SpecMutator(long seed) {
        this.random = new Random(seed);
    }

    static Mutant mutate(long seed) {
        SpecMutator mutator = new SpecMutator(seed);
        String text = mutator.build();
        return new Mutant(seed, List.copyOf(mutator.operations), text);
    }

    private String build() {
        JsonNode job = SAMPLES.get(random.nextInt(SAMPLES.size())).deepCopy();
        int treeMutations = random.nextInt(4);
        for (int i = 0; i < treeMutations; i++) {
            mutateTree(job);
        }
        String text = serialise(job);
        if (random.nextInt(100) < 35) {
            int textMutations = 1 + random.nextInt(2);
            for (int i = 0; i < textMutations; i++) {
                text = mutateText(text);
            }
        }
        return text;
    }

    private void mutateTree(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            mutateObject(object);
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            mutateArray(array);
        } else if (target instanceof ObjectNode object) {
            object.set(pick(KEYS), randomValue(1));
            operations.add("fill empty map");
        }
    }

    private void mutateObject(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = object.get(name);
        switch (random.nextInt(8)) {
            case 0 -> record("drop " + name, () -> object.remove(name));
            case 1 -> record("rename " + name, () -> object.set(typo(name), object.remove(name)));
            case 2 -> record("recase " + name, () -> object.set(recase(name), object.remove(name)));
            case 3 -> record("duplicate " + name, () -> object.set(recase(name), value.deepCopy()));
            case 4 -> record("replace " + name, () -> object.set(name, randomValue(2)));
            case 5 -> record("swap type of " + name, () -> object.set(name, swapType(value)));
            case 6 -> record("add key", () -> object.set(pick(KEYS), randomValue(1)));
            default -> record("edit value of " + name, () -> object.set(name, editScalar(value)));
        }
    }

    private void mutateArray(ArrayNode array) {
        int index = random.nextInt(array.size());
        switch (random.nextInt(4)) {
            case 0 -> record("remove item", () -> array.remove(index));
            case 1 -> record("duplicate item", () -> array.add(array.get(index).deepCopy()));
            case 2 -> record("empty list", array::removeAll);
            default -> record("replace item", () -> array.set(index, randomValue(1)));
        }
    }

    private JsonNode swapType(JsonNode value) {
        if (value.isArray()) {
            return value.isEmpty() ? NODES.textNode("") : value.get(0);
        }
        if (value.isObject()) {
            ArrayNode list = NODES.arrayNode();
            value.elements().forEachRemaining(list::add);
            return list;
        }
        if (value.isTextual() && random.nextBoolean()) {
            return NODES.arrayNode().add(value.textValue());
        }
        return value.isNumber() ? NODES.textNode(value.asText()) : NODES.objectNode().set(pick(KEYS), value);
    }

    private JsonNode editScalar(JsonNode value) {
        if (!value.isValueNode()) {
            return randomValue(1);
        }
        String text = value.asText();
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode(text.toUpperCase(Locale.ROOT));
            case 1 -> NODES.textNode(text.startsWith("/") ? text.substring(1) : "/" + text + "/../..");
            case 2 -> NODES.textNode(text + pick(WORDS));
            case 3 -> NODES.textNode(" ");
            default -> NODES.textNode(pick(WORDS));
        };
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0, 1 -> NODES.textNode(pick(WORDS));
            case 2 -> NODES.numberNode(random.nextInt(11) - 5);
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(random.nextDouble() * 4);
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.nullNode();
            case 7 -> {
                ArrayNode list = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(depth - 1));
                }
                yield list;
            }
            default -> {
                ObjectNode map = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.set(pick(KEYS), randomValue(depth - 1));
                }
                yield map;
            }
        };
    }

    private String serialise(JsonNode job) {
        try {
            return switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> YAML.writeValueAsString(job);
                case 5, 6 -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(job);
                case 7 -> JSON.writeValueAsString(job);
                default -> JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(NODES.objectNode().set("Job", job));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree made of plain nodes always serialises", e);
        }
    }

    private String mutateText(String text) {
        if (text.isEmpty()) {
            return pick(WORDS);
        }
        int at = random.nextInt(text.length());
        List<String> lines = new ArrayList<>(text.lines().toList());
        int line = random.nextInt(lines.size());
        switch (random.nextInt(6)) {
            case 0 -> {
                operations.add("truncate at " + at);
                return text.substring(0, at);
            }
            case 1 -> {
                StringBuilder noise = new StringBuilder();
                for (int i = 1 + random.nextInt(5); i > 0; i--) {
                    noise.append(NOISE.charAt(random.nextInt(NOISE.length())));
                }
                operations.add("insert noise at " + at);
                return text.substring(0, at) + noise + text.substring(at);
            }
            case 2 -> {
                operations.add("delete from " + at);
                return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
            }
            case 3 -> {
                operations.add("duplicate line " + (line + 1));
                lines.add(line, lines.get(line));
            }
            case 4 -> {
                operations.add("swap line " + (line + 1));
                lines.add(random.nextInt(lines.size()), lines.remove(line));
            }
            default -> {
                operations.add("reindent line " + (line + 1));
                lines.set(line, (random.nextBoolean() ? " " : "") + lines.get(line).stripLeading());
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private void record(String operation, Runnable change) {
        operations.add(operation);
        change.run();
    }

    private String typo(String name) {
        int at = random.nextInt(name.length());
        return switch (random.nextInt(3)) {
            case 0 -> name.substring(0, at) + name.substring(at + 1);
            case 1 -> name.substring(0, at) + name.charAt(at) + name.substring(at);
            default -> name + "x";
        };
    }

    private String recase(String name) {
        return switch (random.nextInt(3)) {
            case 0 -> name.toLowerCase(Locale.ROOT);
            case 1 -> name.toUpperCase(Locale.ROOT);
            default -> name.isEmpty() ? name
                    : Character.toLowerCase(name.charAt(0)) + name.substring(1);
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    private static JsonNode tree(String sample) {
        try {
            return YAML.readTree(SpecSamples.yaml(sample));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sample " + sample + " is not YAML", e);
        }
    }
}
