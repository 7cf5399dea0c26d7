package io.harbormaster.core.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.HistoryEvent;
import java.io.IOException;

/**
 * JSON bytes for everything the store keeps, so the file never depends on Java serialization and
 * stays readable by other tools. Times are ISO-8601 strings, which keep nanoseconds exactly.
 */
final class ExecutionCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // derived flags such as JobSpec.isLongRunning() are not state and must not be written
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .build();

    byte[] encode(Execution execution) {
        return write(execution, "execution " + execution.id());
    }

    Execution decodeExecution(byte[] bytes) {
        return read(bytes, Execution.class);
    }

    byte[] encode(HistoryEvent event) {
        return write(event, "history event");
    }

    HistoryEvent decodeHistory(byte[] bytes) {
        return read(bytes, HistoryEvent.class);
    }

    byte[] encode(DecisionRecord entry) {
        return write(entry, "decision record");
    }

    DecisionRecord decodeDecision(byte[] bytes) {
        return read(bytes, DecisionRecord.class);
    }

    private byte[] write(Object value, String what) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Could not encode " + what + " for the store", e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UnreadableRecordException(type.getSimpleName(), e);
        }
    }

    /** A stored record that no longer decodes: the file is damaged or was written by something else. */
    static final class UnreadableRecordException extends StoreException {

        UnreadableRecordException(String type, Throwable cause) {
            super("A stored " + type + " record could not be read", cause);
        }
    }
}
