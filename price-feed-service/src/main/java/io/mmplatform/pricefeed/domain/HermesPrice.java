package io.mmplatform.pricefeed.domain;

import java.math.BigDecimal;

/**
 * One parsed Hermes price: price and conf are exact (integer x 10^expo).
 *
 * @param feedId        64 lowercase hex chars, no 0x
 * @param publishTimeMs the source's publish time (Hermes gives unix seconds)
 */
public record HermesPrice(String feedId, BigDecimal price, BigDecimal conf, long publishTimeMs) {
}
