package io.harbormaster.core.plugin;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.DurationSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import io.harbormaster.core.executor.Observation;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns protocol messages into single JSON lines and back. Times and durations are ISO-8601 strings,
 * so a start instant survives the trip exactly (the PID-reuse check compares it for equality).
 */
public final class PluginCodec {

    /**
     * One mapper for every codec in the JVM: a mapper learns each type's (de)serializer by reflection on first
     * use, and a mapper per connection paid that again on every call (tens of ms in a plugin JVM that has
     * served only a few calls). An ObjectMapper is thread-safe once configured. Built on first use, not with the
     * codec: a plugin whose lines are all read and written by hand ({@link HelloLineReader}, {@link CallLineReader},
     * {@link CallLines}) never loads Jackson's databind.
     */
    private static final class Shared {

        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(javaTimeOnTheWire())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // derived flags such as JobSpec.isLongRunning() are not state and must not be written
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .addMixIn(Observation.class, ObservationKind.class)
                .build();

        /**
         * The only java.time types the protocol carries, Instant and Duration, with the serializers Jackson's
         * JavaTimeModule would give them (ISO-8601 text). The whole module instantiates (de)serializers for every
         * java.time type: about 75 more classes in each plugin JVM, which a desktop running dozens of plugins
         * pays in every one of them.
         */
        private static SimpleModule javaTimeOnTheWire() {
            SimpleModule module = new SimpleModule("harbormaster-plugin-time");
            module.addSerializer(Instant.class, InstantSerializer.INSTANCE);
            module.addDeserializer(Instant.class, InstantDeserializer.INSTANT);
            module.addSerializer(Duration.class, DurationSerializer.INSTANCE);
            module.addDeserializer(Duration.class, DurationDeserializer.INSTANCE);
            return module;
        }
    }

    /** One line of JSON, without the newline; Jackson escapes any newline inside strings. */
    public String encode(Object message) {
        try {
            return Shared.MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new PluginProtocolException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public PluginWire.Request readRequest(String line) {
        PluginWire.Request request = read(line, PluginWire.Request.class);
        if (request.op() == null) {
            throw new PluginProtocolException("a request without an op");
        }
        return request;
    }

    public PluginWire.Reply readReply(String line) {
        PluginWire.Reply reply = read(line, PluginWire.Reply.class);
        if (reply.type() == null) {
            throw new PluginProtocolException("a reply without a type");
        }
        return reply;
    }

    /** Any protocol value from its JSON text, e.g. a {@link io.harbormaster.core.execution.ReattachConfig}. */
    public <T> T decode(String json, Class<T> type) {
        return read(json, type);
    }

    public JsonNode tree(Object body) {
        return Shared.MAPPER.valueToTree(body);
    }

    /** @throws PluginProtocolException if the body is missing or does not fit {@code type} */
    public <T> T body(JsonNode body, Class<T> type) {
        if (body == null || body.isNull()) {
            throw new PluginProtocolException("expected a " + type.getSimpleName() + " body, got none");
        }
        try {
            return Shared.MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new PluginProtocolException("a malformed " + type.getSimpleName() + " body: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new PluginProtocolException("a malformed " + type.getSimpleName() + " body: " + e.getMessage(), e);
        }
    }

    private <T> T read(String line, Class<T> type) {
        try {
            T value = Shared.MAPPER.readValue(line, type);
            if (value == null) {
                throw new PluginProtocolException("an empty message where a " + type.getSimpleName() + " was due");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new PluginProtocolException("not a protocol message: " + e.getOriginalMessage(), e);
        }
    }

    /** Observation is sealed and has no annotations of its own: the wire names each kind explicitly. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Observation.Running.class, name = "running"),
            @JsonSubTypes.Type(value = Observation.Exited.class, name = "exited"),
            @JsonSubTypes.Type(value = Observation.Gone.class, name = "gone"),
            @JsonSubTypes.Type(value = Observation.NotStarted.class, name = "not-started"),
            @JsonSubTypes.Type(value = Observation.Unknown.class, name = "unknown")})
    private interface ObservationKind {
    }
}
