package io.mmplatform.portfolio.domain;

import io.mmplatform.common.Instruments;
import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positions of all wallets and the latest mark of each reference instrument: a position in market M is marked at
 * the reference of {@link Instruments#referenceOf}(M), so INJ on Hyperliquid and INJ/USDT, INJ/USDT-PERP on
 * Injective are all marked at INJ. Thread-safe: positions are immutable values in
 * concurrent maps, so readers (marks, HTTP) see either the state before or after a fill, never half of one.
 * The service keeps it as the in-memory view of what is committed in the database.
 */
public final class PositionBook {
    private final Map<PositionKey, Position> positions = new ConcurrentHashMap<>();
    /** Instrument -> its latest reference price. */
    private final Map<String, BigDecimal> marks = new ConcurrentHashMap<>();

    /** Applies one fill to the position of (walletId, market) and returns the new position. */
    public Position apply(String walletId, String address, String venue, String market, Side side, BigDecimal price,
                          BigDecimal size, BigDecimal fee, long timeMs) {
        PositionKey key = new PositionKey(walletId, market);
        return positions.compute(key, (k, current) -> {
            Position base = current == null ? Position.flat(walletId, address, venue, market) : current.withAddress(address);
            return base.apply(side, price, size, fee, timeMs);
        });
    }

    /** Puts a position as it is known elsewhere (loaded from, or committed to, the database). */
    public void put(Position position) {
        positions.put(position.key(), position);
    }

    /** Puts a position unless the book already holds a later state of it (more fills applied). */
    public void putLatest(Position position) {
        positions.merge(position.key(), position,
                (current, candidate) -> candidate.fillCount() >= current.fillCount() ? candidate : current);
    }

    public Optional<Position> get(PositionKey key) {
        return Optional.ofNullable(positions.get(key));
    }

    public Optional<Position> get(String walletId, String market) {
        return get(new PositionKey(walletId, market));
    }

    /**
     * Records the latest reference price of an instrument and returns the positions it marks (every market priced
     * from it), ordered by wallet and market.
     */
    public List<Position> mark(String instrument, BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("mark of " + instrument + " must be positive, got " + price);
        }
        marks.put(instrument, price);
        List<Position> result = new ArrayList<>();
        for (Position p : positions.values()) {
            if (Instruments.referenceOf(p.market()).equals(instrument)) {
                result.add(p);
            }
        }
        result.sort(Comparator.comparing(Position::walletId).thenComparing(Position::market));
        return result;
    }

    /** The mark of a market: the latest reference of its instrument. */
    public Optional<BigDecimal> markOf(String market) {
        return Optional.ofNullable(marks.get(Instruments.referenceOf(market)));
    }

    /** Unrealized PnL of a position at its market's latest mark (0 when there is no mark yet). */
    public BigDecimal unrealizedPnl(Position position) {
        return position.unrealizedPnl(markOf(position.market()).orElse(null));
    }

    public List<Position> all() {
        List<Position> result = new ArrayList<>(positions.values());
        result.sort(Comparator.comparing(Position::walletId).thenComparing(Position::market));
        return result;
    }

    public int size() {
        return positions.size();
    }

    public void clear() {
        positions.clear();
        marks.clear();
    }
}
