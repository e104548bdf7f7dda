package io.mmplatform.simulator.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** One market's book: price levels in price priority, each a FIFO queue in time priority. */
final class OrderBook {
    private final MarketSpec market;
    private final NavigableMap<Long, ArrayDeque<RestingOrder>> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, ArrayDeque<RestingOrder>> asks = new TreeMap<>();
    private int orderCount;

    OrderBook(MarketSpec market) {
        this.market = market;
    }

    MarketSpec market() {
        return market;
    }

    NavigableMap<Long, ArrayDeque<RestingOrder>> side(Side side) {
        return side == Side.BID ? bids : asks;
    }

    void add(RestingOrder order) {
        side(order.side()).computeIfAbsent(order.priceTicks(), k -> new ArrayDeque<>()).addLast(order);
        orderCount++;
    }

    boolean remove(RestingOrder order) {
        NavigableMap<Long, ArrayDeque<RestingOrder>> levels = side(order.side());
        ArrayDeque<RestingOrder> queue = levels.get(order.priceTicks());
        if (queue == null || !queue.remove(order)) {
            return false;
        }
        if (queue.isEmpty()) {
            levels.remove(order.priceTicks());
        }
        orderCount--;
        return true;
    }

    /** Best price of a side in ticks, or 0 when the side is empty. */
    long best(Side side) {
        NavigableMap<Long, ArrayDeque<RestingOrder>> levels = side(side);
        return levels.isEmpty() ? 0 : levels.firstKey();
    }

    int orderCount() {
        return orderCount;
    }

    List<L2Level> levels(Side side, int depth) {
        List<L2Level> out = new ArrayList<>();
        for (Map.Entry<Long, ArrayDeque<RestingOrder>> e : side(side).entrySet()) {
            if (out.size() >= depth) {
                break;
            }
            long lots = 0;
            for (RestingOrder o : e.getValue()) {
                lots += o.remainingLots();
            }
            out.add(new L2Level(market.price(e.getKey()), market.size(lots), e.getValue().size()));
        }
        return out;
    }
}
