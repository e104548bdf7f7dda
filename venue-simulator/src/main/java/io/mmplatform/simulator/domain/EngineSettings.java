package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Account and fee rules of the engine.
 *
 * @param paperBalance     USDC credited to an address on first use
 * @param makerFee         fee rate of the resting side, fraction of notional
 * @param takerFee         fee rate of the aggressing side, fraction of notional
 * @param minOrderValue    smallest notional (USDC) of a non-reduce-only order; 0 disables the check
 * @param fillHistoryLimit fills kept per account (newest)
 * @param idBase           first oid and tid minus one; choose it so ids stay unique across restarts
 */
public record EngineSettings(BigDecimal paperBalance, BigDecimal makerFee, BigDecimal takerFee,
                             BigDecimal minOrderValue, int fillHistoryLimit, long idBase) {
    public EngineSettings {
        Objects.requireNonNull(paperBalance, "paperBalance");
        Objects.requireNonNull(makerFee, "makerFee");
        Objects.requireNonNull(takerFee, "takerFee");
        Objects.requireNonNull(minOrderValue, "minOrderValue");
        if (paperBalance.signum() < 0 || minOrderValue.signum() < 0) {
            throw new IllegalArgumentException("paper balance and minimum order value must not be negative");
        }
        if (fillHistoryLimit <= 0) {
            throw new IllegalArgumentException("fill history limit must be positive");
        }
        if (idBase < 0) {
            throw new IllegalArgumentException("id base must not be negative");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(new BigDecimal("1000000"), new BigDecimal("0.00015"), new BigDecimal("0.00045"),
                BigDecimal.TEN, 10_000, 0);
    }
}
