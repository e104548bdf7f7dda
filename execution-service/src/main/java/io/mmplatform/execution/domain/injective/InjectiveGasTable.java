package io.mmplatform.execution.domain.injective;

import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Gas estimates for a transaction carrying one {@code MsgBatchUpdateOrders}: a fixed part per transaction (ante
 * handler, signature check, the message itself) plus a part per order created (limit or market, spot or derivative)
 * and per order cancelled. The defaults are starting values to tune against simulated or observed {@code gas_used}
 * on the target chain, not measured numbers: the chain charges by store reads and writes, which grow with the book.
 *
 * <p>{@link #split} packs a plan into transactions under a max gas per transaction. All cancels go before all creates
 * (a cancel in a later transaction than a create could leave our new order crossing, or waiting on funds held by,
 * an order we meant to remove; that the batch handler also runs a message's cancels before its creates is expected
 * but not verified here). Along that fixed
 * sequence each transaction is filled as far as it goes, which gives the fewest transactions any split that keeps
 * the order can give. An empty plan gives no transaction, never an empty one.
 */
public record InjectiveGasTable(long perTx, long perSpotCreate, long perDerivativeCreate, long perCancel) {
    /** Defaults to tune: 120000 per tx, 25000 per created order, 15000 per cancelled order. */
    public static final InjectiveGasTable DEFAULTS = new InjectiveGasTable(120_000, 25_000, 25_000, 15_000);

    /** One transaction's share of a plan, and its estimated gas. */
    public record Chunk(List<InjectiveCancel> cancels, List<NewOrder> creates, long gas) {
        public Chunk {
            cancels = List.copyOf(cancels);
            creates = List.copyOf(creates);
        }
    }

    public InjectiveGasTable {
        if (perTx < 0 || perSpotCreate <= 0 || perDerivativeCreate <= 0 || perCancel <= 0) {
            throw new IllegalArgumentException("gas per tx must be >= 0 and gas per order > 0: " + perTx + ", "
                    + perSpotCreate + ", " + perDerivativeCreate + ", " + perCancel);
        }
    }

    public long perCreate(Kind kind) {
        return kind == Kind.DERIVATIVE ? perDerivativeCreate : perSpotCreate;
    }

    /** Estimated gas of one transaction with these counts. */
    public long gas(Kind kind, int creates, int cancels) {
        return perTx + creates * perCreate(kind) + cancels * perCancel;
    }

    /**
     * Splits cancels then creates into the fewest transactions (keeping that order) whose estimated gas is at most
     * {@code maxGasPerTx} each.
     *
     * @throws IllegalArgumentException if even one order alone does not fit under {@code maxGasPerTx}
     */
    public List<Chunk> split(Kind kind, List<NewOrder> creates, List<InjectiveCancel> cancels, long maxGasPerTx) {
        if (!cancels.isEmpty() && perTx + perCancel > maxGasPerTx
                || !creates.isEmpty() && perTx + perCreate(kind) > maxGasPerTx) {
            throw new IllegalArgumentException("max gas per tx " + maxGasPerTx + " does not fit a single order ("
                    + (perTx + perCancel) + " for a cancel, " + (perTx + perCreate(kind)) + " for a create)");
        }
        List<Chunk> out = new ArrayList<>();
        List<InjectiveCancel> txCancels = new ArrayList<>();
        List<NewOrder> txCreates = new ArrayList<>();
        long gas = perTx;
        for (InjectiveCancel c : cancels) {
            if (gas + perCancel > maxGasPerTx) {
                out.add(new Chunk(txCancels, txCreates, gas));
                txCancels.clear();
                gas = perTx;
            }
            txCancels.add(c);
            gas += perCancel;
        }
        long create = perCreate(kind);
        for (NewOrder n : creates) {
            if (gas + create > maxGasPerTx) {
                out.add(new Chunk(txCancels, txCreates, gas));
                txCancels.clear();
                txCreates.clear();
                gas = perTx;
            }
            txCreates.add(n);
            gas += create;
        }
        if (!txCancels.isEmpty() || !txCreates.isEmpty()) {
            out.add(new Chunk(txCancels, txCreates, gas));
        }
        return out;
    }
}
