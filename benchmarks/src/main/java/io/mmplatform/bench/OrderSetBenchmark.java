package io.mmplatform.bench;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.OrderSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A strategy's per-tick output: 132 orders (66 levels a side) written into a reused {@link OrderSet}, with and
 * without the conversion to the intent's {@link DesiredOrder}s. {@code fill} is what every tick pays and should
 * allocate nothing; {@code fillAndConvert} is what an emitted intent pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OrderSetBenchmark {
    static final int LEVELS_PER_SIDE = 66;
    private static final long MID_E8 = 100_000L * 100_000_000L;
    private static final long STEP_E8 = 5L * 100_000_000L;
    private static final long SIZE_E8 = 100_000L; // 0.001

    private final OrderSet orders = new OrderSet();
    private long tick;

    @Benchmark
    public OrderSet fill() {
        fillOrders();
        return orders;
    }

    @Benchmark
    public List<DesiredOrder> fillAndConvert() {
        fillOrders();
        return orders.toDesired();
    }

    private void fillOrders() {
        orders.clear();
        // moving the mid keeps the JIT from treating the prices as constants
        long mid = MID_E8 + (++tick & 1023) * STEP_E8;
        for (int level = 0; level < LEVELS_PER_SIDE; level++) {
            long offset = (level + 1) * STEP_E8;
            orders.add(true, mid - offset, SIZE_E8 * (level + 1), level, TimeInForce.ALO);
            orders.add(false, mid + offset, SIZE_E8 * (level + 1), level, TimeInForce.ALO);
        }
    }
}
