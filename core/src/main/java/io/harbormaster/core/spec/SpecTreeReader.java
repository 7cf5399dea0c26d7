package io.harbormaster.core.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.harbormaster.core.spec.SpecNode.ScalarNode.Kind;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads YAML or JSON (YAML being a superset of JSON) with Jackson's streaming parser into a
 * {@link SpecNode} tree that remembers the line of every key.
 */
final class SpecTreeReader {

    /** Far deeper than any job; stops a hostile file from nesting without end. */
    static final int MAX_DEPTH = 64;

    private static final String EMPTY = "empty input: expected a Bacalhau job in YAML or JSON";
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;\\]]*; ");
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d{1,9}), column \\d+");

    private SpecTreeReader() {
    }

    /** The document's root, or null after recording why there is none. */
    static SpecNode read(String text, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.error(Problems.DOCUMENT, 1, EMPTY);
            return null;
        }
        try {
            return readWith(YAML, text, problems);
        } catch (JsonProcessingException yamlError) {
            if (!looksLikeJson(text)) {
                problems.error(Problems.DOCUMENT, yamlLine(yamlError), "not valid YAML: " + yamlMessage(yamlError));
                return null;
            }
            // JSON indented with tabs is not YAML: read what looks like JSON as JSON before giving up
            try {
                return readWith(JSON, text, problems);
            } catch (JsonProcessingException jsonError) {
                JsonLocation where = jsonError.getLocation();
                problems.error(Problems.DOCUMENT, where == null ? 0 : where.getLineNr(),
                        "not valid JSON: " + jsonMessage(jsonError));
                return null;
            }
        }
    }

    /** Reads one document; problems found inside it are recorded only if the whole read succeeds. */
    private static SpecNode readWith(JsonFactory factory, String text, Problems problems)
            throws JsonProcessingException {
        Problems found = new Problems();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            // "---" alone reads as one empty string
            boolean emptyScalar = first == JsonToken.VALUE_STRING && parser.getText().isEmpty();
            if (first == null || first == JsonToken.VALUE_NULL || emptyScalar) {
                problems.error(Problems.DOCUMENT, 1, EMPTY);
                return null;
            }
            SpecNode root = readValue(parser, lineOf(parser), 0, found);
            if (parser.nextToken() != null) {
                found.error(Problems.DOCUMENT, lineOf(parser), "more than one document; put one job in each file");
            }
            problems.addAll(found);
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // reading a String does no I/O; kept apart from syntax errors all the same
            problems.error(Problems.DOCUMENT, 0, "could not be read: " + e.getMessage());
            return null;
        }
    }

    private static SpecNode readValue(JsonParser parser, int ownerLine, int depth, Problems problems)
            throws IOException {
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            problems.error(Problems.DOCUMENT, lineOf(parser), "nested more than " + MAX_DEPTH + " levels deep");
            parser.skipChildren();
            return new SpecNode.ScalarNode(ownerLine, Kind.NULL, "null", null);
        }
        return switch (token) {
            case START_OBJECT -> readMap(parser, ownerLine, depth, problems);
            case START_ARRAY -> readList(parser, ownerLine, depth, problems);
            case VALUE_NUMBER_INT ->
                    new SpecNode.ScalarNode(lineOf(parser), Kind.INTEGER, parser.getText(), integerOf(parser));
            case VALUE_NUMBER_FLOAT -> new SpecNode.ScalarNode(lineOf(parser), Kind.DECIMAL, parser.getText(), null);
            case VALUE_TRUE, VALUE_FALSE ->
                    new SpecNode.ScalarNode(lineOf(parser), Kind.BOOLEAN, parser.getText(), null);
            case VALUE_NULL -> new SpecNode.ScalarNode(lineOf(parser), Kind.NULL, "null", null);
            default -> new SpecNode.ScalarNode(lineOf(parser), Kind.STRING, textOf(parser), null);
        };
    }

    private static SpecNode.MapNode readMap(JsonParser parser, int ownerLine, int depth, Problems problems)
            throws IOException {
        List<SpecNode.Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = lineOf(parser);
            parser.nextToken();
            entries.add(new SpecNode.Entry(key, keyLine, readValue(parser, keyLine, depth + 1, problems)));
        }
        return new SpecNode.MapNode(ownerLine, entries);
    }

    private static SpecNode.ListNode readList(JsonParser parser, int ownerLine, int depth, Problems problems)
            throws IOException {
        List<SpecNode> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            items.add(readValue(parser, lineOf(parser), depth + 1, problems));
        }
        return new SpecNode.ListNode(ownerLine, items);
    }

    private static BigInteger integerOf(JsonParser parser) throws IOException {
        return parser.getBigIntegerValue();
    }

    private static String textOf(JsonParser parser) throws IOException {
        String text = parser.getText();
        return text == null ? "" : text;
    }

    private static int lineOf(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private static boolean looksLikeJson(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    /** SnakeYAML puts the problem's own mark last; Jackson's location is that of the previous token. */
    private static int yamlLine(JsonProcessingException e) {
        Matcher marks = YAML_MARK.matcher(String.valueOf(e.getOriginalMessage()));
        int line = -1;
        while (marks.find()) {
            line = Integer.parseInt(marks.group(1));
        }
        JsonLocation where = e.getLocation();
        return line > 0 ? line : where == null ? 0 : where.getLineNr();
    }

    /** SnakeYAML's context and problem lines, without its "in 'reader'" marks and source snippets. */
    private static String yamlMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        String joined = message.lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" "))
                .map(String::strip)
                .collect(Collectors.joining(": "));
        return joined.isEmpty() ? firstLine(message) : joined;
    }

    /** Jackson's message without its note that the source is not shown. */
    private static String jsonMessage(JsonProcessingException e) {
        return SOURCE_NOTE.matcher(firstLine(e.getOriginalMessage())).replaceAll("[");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
