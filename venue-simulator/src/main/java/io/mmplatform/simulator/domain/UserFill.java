package io.mmplatform.simulator.domain;

import java.math.BigDecimal;

/**
 * One side of one trade, as the venue reports it to the account. Both sides of a trade share the tid.
 *
 * @param startPosition signed position size before this fill
 * @param dir           Open Long, Close Long, Open Short, Close Short, Long > Short, Short > Long
 * @param closedPnl     realized PnL of the part that closed a position (USDC, 6 decimals)
 * @param crossed       true for the taker side
 * @param fee           fee paid in USDC (6 decimals)
 */
public record UserFill(String coin, BigDecimal px, BigDecimal sz, Side side, long time, BigDecimal startPosition,
                       String dir, BigDecimal closedPnl, String hash, long oid, boolean crossed, BigDecimal fee,
                       long tid, String cloid) {
}
