package io.harbormaster.core.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON text token by token, for readers that know the shape they expect. Any surprise (a token of another
 * kind, an escape it does not know, a number that does not fit) throws {@link Unexpected}, and the caller hands
 * the whole text to Jackson instead: this cursor never decides that a message is malformed, it only declines it.
 */
public final class JsonCursor {

    /** The text is not in the shape the caller expected; Jackson decides what it is. Carries no stack trace. */
    public static final class Unexpected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** @param what what was found instead of the expected shape, for a debugger: it is never shown */
        public Unexpected(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * The members of one object, read in order, each name at most once: a name read twice declines the text
     * (Jackson's rules decide what a repeated member means). Replaces the loop over {@link #nextMember} that every
     * record reader would otherwise write out with its own list of the names it has seen.
     */
    public final class Members {

        private final List<String> seen = new ArrayList<>(8);
        private boolean first = true;
        private String name;

        private Members() {
        }

        /** True, with the next member's name read, when one follows; false when the object ended. */
        public boolean next() {
            if (!nextMember(first)) {
                return false;
            }
            first = false;
            name = JsonCursor.this.name();
            if (seen.contains(name)) {
                throw new Unexpected("member " + name + " twice");
            }
            seen.add(name);
            return true;
        }

        /** The name of the member {@link #next} just read; its value is read next. */
        public String name() {
            return name;
        }
    }

    private final String text;
    private int at;

    public JsonCursor(String text) {
        this.text = text;
    }

    /** Consumes an object's {@code {}: its members follow. */
    public Members object() {
        expect('{');
        return new Members();
    }

    /** Skips whitespace and consumes {@code c}. */
    public void expect(char c) {
        if (next() != c) {
            throw new Unexpected("expected " + c + " at " + (at - 1));
        }
    }

    /** Skips whitespace and consumes {@code c} if it comes next. */
    public boolean consume(char c) {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /**
     * After an object's {@code {}: true when a member follows (its name is read next), false when the object
     * ended. {@code first} says whether a comma must come before the member.
     */
    public boolean nextMember(boolean first) {
        if (consume('}')) {
            return false;
        }
        if (!first) {
            expect(',');
        }
        return true;
    }

    /** Same as {@link #nextMember} for an array's elements, ended by {@code ]}. */
    public boolean nextElement(boolean first) {
        if (consume(']')) {
            return false;
        }
        if (!first) {
            expect(',');
        }
        return true;
    }

    /** A member's name and its colon. */
    public String name() {
        String name = string();
        expect(':');
        return name;
    }

    /** True (and consumed) when a {@code null} literal comes next. */
    public boolean consumeNull() {
        skipWhitespace();
        if (text.startsWith("null", at)) {
            at += 4;
            return true;
        }
        return false;
    }

    /** A string or null. */
    public String stringOrNull() {
        return consumeNull() ? null : string();
    }

    public String string() {
        expect('"');
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                throw new Unexpected("a control character in a string");
            }
            at++;
        }
        throw new Unexpected("an unterminated string");
    }

    /** An integer that fits a long; anything with a fraction or exponent is declined. */
    public long integer() {
        skipWhitespace();
        int start = at;
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        int count = at - digits;
        if (count == 0 || count > 18 || (count > 1 && text.charAt(digits) == '0')) {
            throw new Unexpected("not a plain integer at " + start);
        }
        if (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            throw new Unexpected("not an integer at " + start);
        }
        return Long.parseLong(text, start, at, 10);
    }

    /** An integer that fits an int. */
    public int intValue() {
        long value = integer();
        if (value != (int) value) {
            throw new Unexpected("an integer beyond int");
        }
        return (int) value;
    }

    /** A {@code true} or {@code false} literal. */
    public boolean bool() {
        skipWhitespace();
        if (text.startsWith("true", at)) {
            at += 4;
            return true;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return false;
        }
        throw new Unexpected("not a boolean at " + at);
    }

    /** Declines unless only whitespace is left. */
    public void end() {
        skipWhitespace();
        if (at != text.length()) {
            throw new Unexpected("text after the value");
        }
    }

    private String escapedString(int start) {
        StringBuilder value = new StringBuilder(text.length() - start).append(text, start, at);
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw new Unexpected("a control character in a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escape = text.charAt(at++);
            switch (escape) {
                case '"', '\\', '/' -> value.append(escape);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw new Unexpected("a short unicode escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) {
                            throw new Unexpected("a malformed unicode escape");
                        }
                        code = code * 16 + digit;
                    }
                    value.append((char) code);
                }
                default -> throw new Unexpected("an unknown escape \\" + escape);
            }
        }
        throw new Unexpected("an unterminated string");
    }

    private char next() {
        skipWhitespace();
        if (at >= text.length()) {
            throw new Unexpected("the text ended early");
        }
        return text.charAt(at++);
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }
}
