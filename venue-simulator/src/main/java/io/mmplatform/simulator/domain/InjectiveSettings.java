package io.mmplatform.simulator.domain;

import java.util.List;
import java.util.Objects;

/**
 * The Injective dialect's chain: its id, block time, markets, and where account numbers start.
 *
 * @param blockTimeMs       a block every this many ms includes the transactions accepted since the last one
 * @param accountNumberBase the first account number handed out (then +1 per new account, in order of first sight)
 * @param startHeight       height of the first simulated block
 */
public record InjectiveSettings(String chainId, long blockTimeMs, List<InjectiveMarket> markets,
                                long accountNumberBase, long startHeight) {
    public InjectiveSettings {
        Objects.requireNonNull(chainId, "chainId");
        if (chainId.isBlank()) {
            throw new IllegalArgumentException("chain id must not be blank");
        }
        if (blockTimeMs <= 0) {
            throw new IllegalArgumentException("block time must be positive, got " + blockTimeMs);
        }
        markets = List.copyOf(markets);
        if (accountNumberBase < 0 || startHeight <= 0) {
            throw new IllegalArgumentException("account number base must not be negative and start height positive");
        }
    }
}
