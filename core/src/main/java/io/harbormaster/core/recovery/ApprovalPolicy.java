package io.harbormaster.core.recovery;

import io.harbormaster.core.HarbormasterException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which proposed actions are applied without an operator: {@code auto} all of them, {@code safe} (default) only
 * REATTACH, ADOPT_RESULT and RESUME, {@code ask} none. Per-action settings ({@code RERUN: auto}, {@code FAIL: ask})
 * take precedence over the mode. WAIT is never "applied": it waits by definition.
 */
public final class ApprovalPolicy {

    private final String mode;
    private final Map<RecoveryAction, Boolean> perAction;

    private ApprovalPolicy(String mode, Map<RecoveryAction, Boolean> perAction) {
        this.mode = mode;
        this.perAction = perAction;
    }

    /**
     * @param perAction action name -> {@code auto} or {@code ask}, as written in config.yaml
     * @throws HarbormasterException naming the bad setting
     */
    public static ApprovalPolicy of(String mode, Map<String, String> perAction) {
        String normalized = mode == null ? "safe" : mode.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("auto") && !normalized.equals("safe") && !normalized.equals("ask")) {
            throw new HarbormasterException("approval must be auto, safe or ask, not '" + mode + "'");
        }
        Map<RecoveryAction, Boolean> parsed = new EnumMap<>(RecoveryAction.class);
        if (perAction != null) {
            perAction.forEach((name, setting) -> {
                RecoveryAction action;
                try {
                    action = RecoveryAction.parse(name);
                } catch (IllegalArgumentException bad) {
                    throw new HarbormasterException("config.yaml: recoveryApproval: " + bad.getMessage(), bad);
                }
                String value = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
                if (!value.equals("auto") && !value.equals("ask")) {
                    throw new HarbormasterException("config.yaml: recoveryApproval." + name
                            + " must be auto or ask, not '" + setting + "'");
                }
                parsed.put(action, value.equals("auto"));
            });
        }
        return new ApprovalPolicy(normalized, parsed);
    }

    public String mode() {
        return mode;
    }

    /** True when {@code action} is applied without asking anyone. */
    public boolean approves(RecoveryAction action) {
        if (action == RecoveryAction.WAIT) {
            return false;
        }
        Boolean explicit = perAction.get(action);
        if (explicit != null) {
            return explicit;
        }
        return switch (mode) {
            case "auto" -> true;
            case "safe" -> action.isSafe();
            default -> false;
        };
    }

    /** Who the decision log names when this policy approved an action. */
    public String actor() {
        return "policy:" + mode;
    }
}
