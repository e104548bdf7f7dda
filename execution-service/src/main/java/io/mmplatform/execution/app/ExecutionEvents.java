package io.mmplatform.execution.app;

import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.OrderEvent;

import java.util.concurrent.CompletionStage;

/** Where order events, fills and the circuit breaker's kills go (exec.orders, exec.fills, risk.kill). */
public interface ExecutionEvents {
    void order(OrderEvent event);

    /** Completes once the broker acknowledged the fill, exceptionally if it could not be published. */
    CompletionStage<Void> fill(Fill fill);

    /** A kill switch record on risk.kill (the circuit breaker engaging or releasing its wallet). */
    void kill(KillSwitch record);
}
