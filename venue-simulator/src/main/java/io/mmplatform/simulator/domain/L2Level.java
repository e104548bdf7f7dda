package io.mmplatform.simulator.domain;

import java.math.BigDecimal;

/** One aggregated price level: price, total remaining size, number of orders. */
public record L2Level(BigDecimal px, BigDecimal sz, int n) {
}
