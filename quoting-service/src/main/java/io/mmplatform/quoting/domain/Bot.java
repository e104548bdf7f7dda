package io.mmplatform.quoting.domain;

/** One quoting bot: a wallet quoting one market with one ladder. */
public record Bot(String id, String walletId, String market, LadderConfig ladder) {
    public Bot {
        if (id == null || id.isBlank() || walletId == null || walletId.isBlank() || market == null || market.isBlank()) {
            throw new IllegalArgumentException("a bot needs an id, a wallet and a market");
        }
        java.util.Objects.requireNonNull(ladder, "ladder");
    }
}
