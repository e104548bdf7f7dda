package io.mmplatform.quoting.domain;

import java.util.Map;

/**
 * A quoting strategy for one (wallet, market): from what it sees on a tick to the full set of orders it wants.
 * Plain Java; deterministic for the same inputs and state; no allocation that grows with the number of ticks.
 * Instances are used by one thread at a time.
 */
public interface Strategy {

    /** The strategy's type name as written in bot definitions (mirror, ladder, grid, avellaneda-stoikov). */
    String type();

    /** Writes the desired orders for this tick into out (which the caller has cleared). */
    void quote(MarketTick tick, OrderSet out);

    /**
     * One of the wallet's fills in this market, in the order they happened (the tick's {@link RecentFills} has it
     * too). Stateful strategies (the grid's counter-orders, fill-driven controls) react here.
     */
    default void onFill(long timeMs, boolean buy, long px, long sz) {
    }

    /** What an operator should see of the strategy's own state in the bot's status (e.g. a grid's round trips). */
    default Map<String, String> status() {
        return Map.of();
    }

    /**
     * The state that must survive a restart of the service (a grid's pending counter-orders), as text; null for a
     * strategy that rebuilds everything from the market. Taken outside the hot path (on save and on stop).
     */
    default String snapshot() {
        return null;
    }

    /**
     * Continues from a {@link #snapshot()} of the same type. A snapshot that does not fit the current parameters
     * (e.g. the grid was redefined) is refused with an IllegalArgumentException and the strategy starts fresh.
     */
    default void restore(String snapshot) {
    }
}
