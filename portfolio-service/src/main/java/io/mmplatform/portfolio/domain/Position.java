package io.mmplatform.portfolio.domain;

import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A wallet's position in one market and its PnL parts. Immutable: applying a fill returns the next position.
 *
 * <ul>
 *   <li>{@code size} is signed (positive long, negative short) and always exact.</li>
 *   <li>{@code avgEntry} is the size-weighted entry price of the open size: it moves on an increase, stays on a
 *       reduce, becomes 0 when the position closes and the fill price when it flips. It is kept to
 *       {@link #AVG_ENTRY_SCALE} decimals (half-even), as the venue keeps its entry price, so that realized PnL
 *       computed from it is exact and short; every other quantity is exact.</li>
 *   <li>{@code realizedPnl} is gross of fees: closed size x (exit - entry), signed by the side that was closed.</li>
 *   <li>{@code fees} is the sum of the fills' fees (negative = rebates). Net realized = realizedPnl - fees.</li>
 * </ul>
 */
public record Position(String walletId, String address, String venue, String market, BigDecimal size,
                       BigDecimal avgEntry, BigDecimal realizedPnl, BigDecimal fees, long fillCount,
                       long updatedAtMs) {

    /** Decimals kept of a weighted average entry price (the venue's convention). */
    public static final int AVG_ENTRY_SCALE = 12;

    public Position {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(market, "market");
        size = normalize(Objects.requireNonNull(size, "size"));
        avgEntry = normalize(Objects.requireNonNull(avgEntry, "avgEntry"));
        realizedPnl = normalize(Objects.requireNonNull(realizedPnl, "realizedPnl"));
        fees = normalize(Objects.requireNonNull(fees, "fees"));
        if (fillCount < 0) {
            throw new IllegalArgumentException("fillCount must not be negative, got " + fillCount);
        }
    }

    /** A flat position with no history. */
    public static Position flat(String walletId, String address, String venue, String market) {
        return new Position(walletId, address, venue, market, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, 0);
    }

    public PositionKey key() {
        return new PositionKey(walletId, market);
    }

    public boolean isFlat() {
        return size.signum() == 0;
    }

    /**
     * The position after one fill.
     *
     * @param side   our side of the trade
     * @param price  execution price, positive
     * @param qty    executed size, positive
     * @param fee    fee paid (negative = rebate)
     * @param timeMs the fill's time, kept as the position's update time
     */
    public Position apply(Side side, BigDecimal price, BigDecimal qty, BigDecimal fee, long timeMs) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(fee, "fee");
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
        if (qty == null || qty.signum() <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + qty);
        }
        BigDecimal delta = side == Side.BUY ? qty : qty.negate();
        BigDecimal newSize = size.add(delta);
        BigDecimal newAvg;
        BigDecimal newRealized = realizedPnl;

        if (size.signum() == 0 || size.signum() == delta.signum()) {
            // open or increase: weighted average of the old open size and the new one
            BigDecimal cost = size.abs().multiply(avgEntry).add(qty.multiply(price));
            newAvg = divideAverage(cost, newSize.abs());
        } else {
            // reduce, close or flip: the closed part realizes against the average entry
            BigDecimal closed = qty.min(size.abs());
            BigDecimal perUnit = price.subtract(avgEntry);
            BigDecimal pnl = closed.multiply(perUnit);
            newRealized = realizedPnl.add(size.signum() > 0 ? pnl : pnl.negate());
            if (newSize.signum() == 0) {
                newAvg = BigDecimal.ZERO;
            } else if (newSize.signum() == size.signum()) {
                newAvg = avgEntry;
            } else {
                newAvg = price; // flipped: the remainder was opened at the fill price
            }
        }
        return new Position(walletId, address, venue, market, newSize, newAvg, newRealized, fees.add(fee),
                fillCount + 1, timeMs);
    }

    /** The same position seen from a fill that carries a (possibly newer) address. */
    public Position withAddress(String newAddress) {
        if (newAddress == null || newAddress.isBlank() || newAddress.equals(address)) {
            return this;
        }
        return new Position(walletId, newAddress, venue, market, size, avgEntry, realizedPnl, fees, fillCount,
                updatedAtMs);
    }

    /** size x (mark - avgEntry): what closing the whole position at the mark would realize (gross of fees). */
    public BigDecimal unrealizedPnl(BigDecimal mark) {
        if (mark == null || size.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return normalize(size.multiply(mark.subtract(avgEntry)));
    }

    private static BigDecimal divideAverage(BigDecimal cost, BigDecimal size) {
        return cost.divide(size, AVG_ENTRY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Plain, comparable form: no trailing zeros, and zero as "0" (scale 0) whatever scale it came with. */
    static BigDecimal normalize(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }
}
