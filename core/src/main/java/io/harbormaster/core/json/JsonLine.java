package io.harbormaster.core.json;

import java.time.Instant;

/**
 * Builds one line of JSON, escaping strings as Jackson does (quote, backslash and control characters; the rest
 * as it is), so either side reads it with either reader.
 */
public final class JsonLine {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder text = new StringBuilder(256);
    private boolean needsComma;

    public JsonLine beginObject() {
        comma();
        text.append('{');
        needsComma = false;
        return this;
    }

    /** Opens an object as the value of member {@code name}. */
    public JsonLine beginObject(String name) {
        name(name);
        text.append('{');
        needsComma = false;
        return this;
    }

    public JsonLine endObject() {
        text.append('}');
        needsComma = true;
        return this;
    }

    public JsonLine beginArray(String name) {
        name(name);
        text.append('[');
        needsComma = false;
        return this;
    }

    public JsonLine endArray() {
        text.append(']');
        needsComma = true;
        return this;
    }

    /** A string member; left out when {@code value} is null, as the protocol's mapper leaves nulls out. */
    public JsonLine member(String name, String value) {
        if (value != null) {
            name(name);
            quoted(value);
            needsComma = true;
        }
        return this;
    }

    public JsonLine member(String name, long value) {
        name(name);
        text.append(value);
        needsComma = true;
        return this;
    }

    public JsonLine member(String name, boolean value) {
        name(name);
        text.append(value);
        needsComma = true;
        return this;
    }

    /** A member whose value is {@code null}, for the few places that write one on purpose. */
    public JsonLine nullMember(String name) {
        return memberRaw(name, "null");
    }

    /** An integer member; left out when null. */
    public JsonLine member(String name, Integer value) {
        return value == null ? this : member(name, value.longValue());
    }

    /** An instant as ISO-8601 text, as {@link Instant#toString()} writes it; left out when null. */
    public JsonLine member(String name, Instant value) {
        return value == null ? this : member(name, IsoInstants.format(value));
    }

    /** A string element of the array being written; null is written as {@code null}. */
    public JsonLine element(String value) {
        comma();
        if (value == null) {
            text.append("null");
        } else {
            quoted(value);
        }
        needsComma = true;
        return this;
    }

    /** The text of a member's value already encoded as JSON. */
    public JsonLine memberRaw(String name, String json) {
        name(name);
        text.append(json);
        needsComma = true;
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void name(String name) {
        comma();
        quoted(name);
        text.append(':');
    }

    private void comma() {
        if (needsComma) {
            text.append(',');
        }
    }

    private void quoted(String value) {
        text.append('"');
        int clean = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            text.append(value, clean, i);
            clean = i + 1;
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        text.append(value, clean, value.length()).append('"');
    }
}
