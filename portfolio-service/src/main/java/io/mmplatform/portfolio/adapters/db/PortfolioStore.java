package io.mmplatform.portfolio.adapters.db;

import io.mmplatform.common.messages.Fill;
import io.mmplatform.portfolio.domain.Position;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * PostgreSQL through Hibernate Reactive. Applying a fill is one transaction: if the fill id is already in
 * {@code fills} nothing happens; otherwise the fill row is inserted and the position row is locked, advanced by the
 * domain and written. The fill_id primary key is the last line of defence: two transactions inserting the same fill
 * id cannot both commit, and the loser, retried, finds the fill and skips it.
 */
@ApplicationScoped
public class PortfolioStore {

    /** What applying a fill did: applied now, or already applied before (a redelivery). */
    public record ApplyOutcome(boolean applied, Position position) {
    }

    @Inject
    Mutiny.SessionFactory sessionFactory;

    /**
     * Applies a fill exactly once per fill id.
     *
     * @param nowMs the time recorded as the position's update time
     */
    public Uni<ApplyOutcome> apply(Fill fill, long nowMs) {
        return sessionFactory.withTransaction((session, tx) -> session.find(FillEntity.class, fill.fillId())
                .chain(existing -> existing != null
                        ? session.find(PositionEntity.class, new PositionEntity.Id(fill.walletId(), fill.market()))
                                .map(row -> new ApplyOutcome(false, row == null ? null : row.toDomain()))
                        : session.persist(FillEntity.of(fill, nowMs))
                                .chain(() -> advance(session, fill, nowMs))
                                .map(p -> new ApplyOutcome(true, p))));
    }

    private Uni<Position> advance(Mutiny.Session session, Fill fill, long nowMs) {
        PositionEntity.Id id = new PositionEntity.Id(fill.walletId(), fill.market());
        return session.find(PositionEntity.class, id, LockMode.PESSIMISTIC_WRITE).chain(row -> {
            Position before = row == null
                    ? Position.flat(fill.walletId(), fill.address(), fill.venue(), fill.market())
                    : row.toDomain().withAddress(fill.address());
            Position after = before.apply(fill.side(), fill.price(), fill.size(), fill.fee(), nowMs);
            if (row == null) {
                PositionEntity created = new PositionEntity();
                created.update(after);
                return session.persist(created).replaceWith(after);
            }
            row.update(after);
            return Uni.createFrom().item(after); // flushed on commit
        });
    }

    /** Every position, ordered by wallet and market. */
    public Uni<List<Position>> positions() {
        return sessionFactory.withSession(session -> session
                .createQuery("from PositionEntity p order by p.walletId, p.market", PositionEntity.class)
                .getResultList()
                .map(rows -> rows.stream().map(PositionEntity::toDomain).toList()));
    }

    /** Positions of one wallet, given by its address (any case) or its id. */
    public Uni<List<Position>> positionsOf(String wallet) {
        return sessionFactory.withSession(session -> session
                .createQuery("from PositionEntity p where lower(p.address) = :address or p.walletId = :id"
                        + " order by p.walletId, p.market", PositionEntity.class)
                .setParameter("address", wallet.toLowerCase())
                .setParameter("id", wallet)
                .getResultList()
                .map(rows -> rows.stream().map(PositionEntity::toDomain).toList()));
    }

    /** The most recent fills (by venue time), optionally of one wallet (address or id). */
    public Uni<List<FillEntity>> recentFills(int limit, String walletOrNull) {
        return sessionFactory.withSession(session -> {
            Mutiny.SelectionQuery<FillEntity> query = walletOrNull == null
                    ? session.createQuery("from FillEntity f order by f.timeMs desc, f.fillId desc", FillEntity.class)
                    : session.createQuery("from FillEntity f where lower(f.address) = :address or f.walletId = :id"
                                    + " order by f.timeMs desc, f.fillId desc", FillEntity.class)
                            .setParameter("address", walletOrNull.toLowerCase())
                            .setParameter("id", walletOrNull);
            return query.setMaxResults(limit).getResultList();
        });
    }

    /** Cheap round trip for the readiness check. */
    public Uni<Long> countPositions() {
        return sessionFactory.withSession(session -> session
                .createSelectionQuery("select count(p) from PositionEntity p", Long.class)
                .getSingleResult());
    }
}
