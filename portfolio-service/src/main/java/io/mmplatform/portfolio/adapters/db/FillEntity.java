package io.mmplatform.portfolio.adapters.db;

import io.mmplatform.common.messages.Fill;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of {@code fills}: one applied fill, keyed by the venue-unique fill id. */
@Entity
@Table(name = "fills")
public class FillEntity {
    @Id
    @Column(name = "fill_id")
    public String fillId;
    @Column(name = "wallet_id")
    public String walletId;
    public String address;
    public String venue;
    public String market;
    public String side;
    public BigDecimal price;
    public BigDecimal size;
    public BigDecimal fee;
    @Column(name = "fee_token")
    public String feeToken;
    public String liquidity;
    @Column(name = "time_ms")
    public long timeMs;
    @Column(name = "applied_at")
    public OffsetDateTime appliedAt;

    public static FillEntity of(Fill fill, long appliedAtMs) {
        FillEntity row = new FillEntity();
        row.fillId = fill.fillId();
        row.walletId = fill.walletId();
        row.address = fill.address();
        row.venue = fill.venue();
        row.market = fill.market();
        row.side = fill.side().name();
        row.price = fill.price();
        row.size = fill.size();
        row.fee = fill.fee();
        row.feeToken = fill.feeToken();
        row.liquidity = fill.liquidity() == null ? null : fill.liquidity().name();
        row.timeMs = fill.timeMs();
        row.appliedAt = OffsetDateTime.ofInstant(Instant.ofEpochMilli(appliedAtMs), ZoneOffset.UTC);
        return row;
    }
}
