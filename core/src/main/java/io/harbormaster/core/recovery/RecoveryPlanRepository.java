package io.harbormaster.core.recovery;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.store.PreviousRun;
import io.harbormaster.core.store.RecoveryPlanStore;
import io.harbormaster.core.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes recovery plans as JSON records in the store: one header per plan, one record per item. */
final class RecoveryPlanRepository {

    /** What a plan is besides its items. */
    record Header(String planId, Instant createdAt, RecoveryPolicy policy, String approval, PreviousRun previousRun) {
    }

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .build();

    private final RecoveryPlanStore store;

    RecoveryPlanRepository(RecoveryPlanStore store) {
        this.store = store;
    }

    /** The whole plan, made current, with its decision records: one commit. */
    List<DecisionRecord> saveNew(RecoveryPlan plan, List<DecisionRecord> decisions) {
        return store.save(plan.planId(), write(new Header(plan.planId(), plan.createdAt(), plan.policy(),
                plan.approval(), plan.previousRun())), encode(plan.items()), decisions);
    }

    /** Changed items only, with their decision records: one commit. */
    List<DecisionRecord> saveItems(String planId, List<PlanItem> items, List<DecisionRecord> decisions) {
        return store.save(planId, null, encode(items), decisions);
    }

    Optional<RecoveryPlan> current() {
        Optional<String> planId = store.currentPlanId();
        if (planId.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> header = store.header(planId.get());
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Header read = read(header.get(), Header.class);
        List<PlanItem> items = new ArrayList<>();
        for (byte[] item : store.items(planId.get())) {
            items.add(read(item, PlanItem.class));
        }
        return Optional.of(new RecoveryPlan(read.planId(), read.createdAt(), read.policy(), read.approval(), items,
                read.previousRun()));
    }

    private static Map<String, byte[]> encode(List<PlanItem> items) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        items.forEach(item -> encoded.put(item.executionId(), write(item)));
        return encoded;
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Could not encode a recovery plan record", e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new StoreException("A stored recovery plan record could not be read: " + e.getMessage(), e);
        }
    }
}
