package io.mmplatform.common.messages;

import java.util.Objects;

/**
 * risk.kill (compacted), keyed by scope. The current kill state of one scope.
 *
 * @param scope  {@code global}, {@code wallet:<walletId>} or {@code market:<market>}
 * @param actor  who pulled or released it (risk-service, operator:&lt;user&gt;, execution)
 */
public record KillSwitch(String scope, KillState state, String reason, String actor, long timeMs)
        implements PlatformMessage {
    public static final String TYPE = "kill-switch";

    public KillSwitch {
        KillScope.parse(scope);
        Objects.requireNonNull(state, "state");
        Require.text(actor, "actor");
    }

    @Override
    public String key() {
        return scope;
    }
}
