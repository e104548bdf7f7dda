package io.mmplatform.execution.app;

import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.OrderEvent;

/** Where order events and fills go (exec.orders, exec.fills). */
public interface ExecutionEvents {
    void order(OrderEvent event);

    void fill(Fill fill);
}
