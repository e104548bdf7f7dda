package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engaged kill scopes, as read from risk.kill. A (wallet, market) is blocked while any engaged scope covers it.
 * Thread-safe: written by the kill consumer, read by every wallet's worker.
 */
public final class KillSwitchState {
    public record Engaged(KillScope scope, String reason, String actor, long timeMs) {
    }

    private final Map<KillScope, Engaged> engaged = new LinkedHashMap<>();

    /**
     * Applies one record of risk.kill.
     *
     * @return true if the state changed (a newly engaged or released scope)
     */
    public synchronized boolean apply(KillScope scope, KillState state, String reason, String actor, long timeMs) {
        if (state == KillState.ENGAGED) {
            return engaged.put(scope, new Engaged(scope, reason, actor, timeMs)) == null;
        }
        return engaged.remove(scope) != null;
    }

    /** The first engaged scope that covers the (wallet, market), if any. */
    public synchronized Optional<Engaged> blocking(String walletId, String market) {
        for (Engaged e : engaged.values()) {
            if (e.scope().covers(walletId, market)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public boolean blocks(String walletId, String market) {
        return blocking(walletId, market).isPresent();
    }

    public synchronized boolean isEngaged(KillScope scope) {
        return engaged.containsKey(scope);
    }

    public synchronized List<Engaged> engaged() {
        return List.copyOf(engaged.values());
    }
}
