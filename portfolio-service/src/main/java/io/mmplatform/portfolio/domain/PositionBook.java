package io.mmplatform.portfolio.domain;

import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positions of all wallets and the latest mark of each market. Thread-safe: positions are immutable values in
 * concurrent maps, so readers (marks, HTTP) see either the state before or after a fill, never half of one.
 * The service keeps it as the in-memory view of what is committed in the database.
 */
public final class PositionBook {
    private final Map<PositionKey, Position> positions = new ConcurrentHashMap<>();
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

    /** Records the latest mark of a market and returns the positions in that market, ordered by wallet. */
    public List<Position> mark(String market, BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("mark of " + market + " must be positive, got " + price);
        }
        marks.put(market, price);
        return inMarket(market);
    }

    public Optional<BigDecimal> markOf(String market) {
        return Optional.ofNullable(marks.get(market));
    }

    /** Unrealized PnL of a position at its market's latest mark (0 when there is no mark yet). */
    public BigDecimal unrealizedPnl(Position position) {
        return position.unrealizedPnl(marks.get(position.market()));
    }

    public List<Position> inMarket(String market) {
        List<Position> result = new ArrayList<>();
        for (Position p : positions.values()) {
            if (p.market().equals(market)) {
                result.add(p);
            }
        }
        result.sort(Comparator.comparing(Position::walletId));
        return result;
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
