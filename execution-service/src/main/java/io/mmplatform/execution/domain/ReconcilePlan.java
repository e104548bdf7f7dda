package io.mmplatform.execution.domain;

import java.util.List;

/** What to do to turn the live orders of one (wallet, market) into the desired set. */
public record ReconcilePlan(List<LiveOrder> cancels, List<NewOrder> creates, List<LiveOrder> kept) {
    public ReconcilePlan {
        cancels = List.copyOf(cancels);
        creates = List.copyOf(creates);
        kept = List.copyOf(kept);
    }

    public boolean isEmpty() {
        return cancels.isEmpty() && creates.isEmpty();
    }
}
