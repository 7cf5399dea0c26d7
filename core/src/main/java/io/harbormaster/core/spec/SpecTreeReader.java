package io.harbormaster.core.spec;

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

/**
 * Reads YAML or JSON (YAML being a superset of JSON) with Jackson's streaming parser into a
 * {@link SpecNode} tree that remembers the line of every key.
 */
final class SpecTreeReader {

    /** Far deeper than any job; stops a hostile file from nesting without end. */
    static final int MAX_DEPTH = 64;

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private SpecTreeReader() {
    }

    /** The document's root, or null after recording why there is none. */
    static SpecNode read(String text, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.error(Problems.DOCUMENT, 1, "empty input: expected a Bacalhau job in YAML or JSON");
            return null;
        }
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.error(Problems.DOCUMENT, 1, "empty input: expected a Bacalhau job in YAML or JSON");
                return null;
            }
            SpecNode root = readValue(parser, lineOf(parser), 0, problems);
            if (parser.nextToken() != null) {
                problems.error(Problems.DOCUMENT, lineOf(parser),
                        "more than one YAML document; put one job in each file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : where.getLineNr();
            problems.error(Problems.DOCUMENT, line, "not valid YAML or JSON: " + firstLine(e.getOriginalMessage()));
            return null;
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

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
