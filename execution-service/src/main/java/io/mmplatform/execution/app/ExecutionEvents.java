package io.mmplatform.execution.app;

import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.OrderEvent;

import java.util.concurrent.CompletionStage;

/** Where order events and fills go (exec.orders, exec.fills). */
public interface ExecutionEvents {
    void order(OrderEvent event);

    /** Completes once the broker acknowledged the fill, exceptionally if it could not be published. */
    CompletionStage<Void> fill(Fill fill);
}
