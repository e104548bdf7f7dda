package io.mmplatform.portfolio.adapters.db;

import io.mmplatform.portfolio.domain.Position;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/** A row of {@code positions}: the committed state of one (wallet, market). */
@Entity
@Table(name = "positions")
@IdClass(PositionEntity.Id.class)
public class PositionEntity {
    @jakarta.persistence.Id
    @Column(name = "wallet_id")
    public String walletId;
    @jakarta.persistence.Id
    public String market;
    public String address;
    public String venue;
    public BigDecimal size;
    @Column(name = "avg_entry")
    public BigDecimal avgEntry;
    @Column(name = "realized_pnl")
    public BigDecimal realizedPnl;
    public BigDecimal fees;
    @Column(name = "fill_count")
    public long fillCount;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public Position toDomain() {
        return new Position(walletId, address, venue, market, size, avgEntry, realizedPnl, fees, fillCount,
                updatedAt == null ? 0 : updatedAt.toInstant().toEpochMilli());
    }

    /** Copies a domain position into this row (the key must match). */
    public void update(Position p) {
        walletId = p.walletId();
        market = p.market();
        address = p.address();
        venue = p.venue();
        size = p.size();
        avgEntry = p.avgEntry();
        realizedPnl = p.realizedPnl();
        fees = p.fees();
        fillCount = p.fillCount();
        updatedAt = OffsetDateTime.ofInstant(Instant.ofEpochMilli(p.updatedAtMs()), ZoneOffset.UTC);
    }

    /** Composite key (wallet_id, market). */
    public static class Id implements Serializable {
        public String walletId;
        public String market;

        public Id() {
        }

        public Id(String walletId, String market) {
            this.walletId = walletId;
            this.market = market;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && Objects.equals(walletId, other.walletId) && Objects.equals(market, other.market);
        }

        @Override
        public int hashCode() {
            return Objects.hash(walletId, market);
        }
    }
}
