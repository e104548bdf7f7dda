package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trading account on the simulated venue: a USDC balance (paper credit + realized PnL - fees), positions per coin
 * and the fill history (newest first, bounded).
 */
public final class Account {
    private final String address;
    private BigDecimal balance;
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private final Deque<UserFill> fills = new ArrayDeque<>();
    private final int fillHistoryLimit;
    private BigDecimal volume = BigDecimal.ZERO;

    Account(String address, BigDecimal initialBalance, int fillHistoryLimit) {
        this.address = address;
        this.balance = initialBalance;
        this.fillHistoryLimit = fillHistoryLimit;
    }

    public String address() {
        return address;
    }

    /** USDC balance: paper credit + realized PnL - fees. */
    public BigDecimal balance() {
        return balance;
    }

    public Position position(MarketSpec market) {
        return positions.computeIfAbsent(market.name(), k -> new Position(market));
    }

    /** Positions of coins this account has traded (possibly flat now), in order of first trade. */
    public Collection<Position> positions() {
        return positions.values();
    }

    /** Fills, newest first. */
    public List<UserFill> fills() {
        return new ArrayList<>(fills);
    }

    /** Cumulative traded notional in USDC (every fill, maker or taker). */
    public BigDecimal volume() {
        return volume;
    }

    /** Raises the balance to at least amount (a paper deposit). */
    void creditUpTo(BigDecimal amount) {
        if (balance.compareTo(amount) < 0) {
            balance = amount;
        }
    }

    void record(UserFill fill) {
        volume = volume.add(fill.px().multiply(fill.sz()));
        balance = balance.add(fill.closedPnl()).subtract(fill.fee());
        fills.addFirst(fill);
        while (fills.size() > fillHistoryLimit) {
            fills.removeLast();
        }
    }
}
