package io.mmplatform.portfolio.domain;

import java.util.Objects;

/** Identity of a position: one wallet in one market. Written {@code walletId/market}, the portfolio.positions key. */
public record PositionKey(String walletId, String market) {
    public PositionKey {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(market, "market");
    }

    @Override
    public String toString() {
        return walletId + "/" + market;
    }
}
