package io.harbormaster.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonCursorTest {

    @Test
    void readsAnObjectWithWhitespaceEscapesAndNumbers() {
        JsonCursor in = new JsonCursor(" { \"a\" : \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0001\" ,\"b\":-42, \"c\":null } ");
        in.expect('{');
        assertThat(in.nextMember(true)).isTrue();
        assertThat(in.name()).isEqualTo("a");
        assertThat(in.string()).isEqualTo("x\"\\/\b\f\n\r\t\u00e9\u0001");
        assertThat(in.nextMember(false)).isTrue();
        assertThat(in.name()).isEqualTo("b");
        assertThat(in.intValue()).isEqualTo(-42);
        assertThat(in.nextMember(false)).isTrue();
        assertThat(in.name()).isEqualTo("c");
        assertThat(in.stringOrNull()).isNull();
        assertThat(in.nextMember(false)).isFalse();
        in.end();
    }

    @Test
    void readsAnObjectsMembersOnceEach() {
        JsonCursor in = new JsonCursor("{\"a\":1, \"b\":\"x\"}");
        JsonCursor.Members members = in.object();
        assertThat(members.next()).isTrue();
        assertThat(members.name()).isEqualTo("a");
        assertThat(in.integer()).isEqualTo(1);
        assertThat(members.next()).isTrue();
        assertThat(members.name()).isEqualTo("b");
        assertThat(in.string()).isEqualTo("x");
        assertThat(members.next()).isFalse();
        in.end();

        JsonCursor twice = new JsonCursor("{\"a\":1,\"a\":2}");
        JsonCursor.Members repeated = twice.object();
        assertThat(repeated.next()).isTrue();
        twice.integer();
        assertThatThrownBy(repeated::next).as("a member twice").isInstanceOf(JsonCursor.Unexpected.class);
    }

    @Test
    void readsBooleans() {
        JsonCursor in = new JsonCursor("[ true ,false]");
        in.expect('[');
        assertThat(in.nextElement(true)).isTrue();
        assertThat(in.bool()).isTrue();
        assertThat(in.nextElement(false)).isTrue();
        assertThat(in.bool()).isFalse();
        assertThat(in.nextElement(false)).isFalse();
        in.end();
    }

    @Test
    void declinesWhatItCannotReadExactly() {
        assertDeclines("\"true\"", JsonCursor::bool);
        assertDeclines("1", JsonCursor::bool);
        assertDeclines("null", JsonCursor::bool);
        assertDeclines("1.5", JsonCursor::integer);
        assertDeclines("1e3", JsonCursor::integer);
        assertDeclines("012", JsonCursor::integer);
        assertDeclines("12345678901234567890", JsonCursor::integer);
        assertDeclines("3000000000", JsonCursor::intValue);
        assertDeclines("\"a\u0001\"", JsonCursor::string);
        assertDeclines("\"\\x\"", JsonCursor::string);
        assertDeclines("\"open", JsonCursor::string);
        assertDeclines("\"\\u12\"", JsonCursor::string);
        assertDeclines("{} x", cursor -> {
            cursor.expect('{');
            cursor.nextMember(true);
            cursor.end();
            return null;
        });
    }

    private static void assertDeclines(String text, java.util.function.Function<JsonCursor, Object> read) {
        assertThatThrownBy(() -> read.apply(new JsonCursor(text))).as(text).isInstanceOf(JsonCursor.Unexpected.class);
    }
}
