package io.mmplatform.bench;

import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.strategy.MirrorStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link MirrorStrategy#quote} with 66 levels a side, the venue book next to the reference and the reference
 * alternating by 2 bps every call. {@code aligned} is the maintenance path (levels drift beyond a 1 bps tolerance,
 * six are refreshed per tick); {@code build} recomputes and emits the whole staircase every tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MirrorStrategyBenchmark {
    private static final long LOT = Fixed.of("0.00001");
    private static final long REFERENCE = Fixed.of("64123.45");
    private static final long MOVED = Fixed.aboveBps(REFERENCE, 2);

    private MirrorStrategy maintaining;
    private MirrorStrategy building;
    private MarketTick tick;
    private final OrderSet out = new OrderSet();
    private long calls;

    @Setup
    public void setup() {
        maintaining = MirrorStrategy.create(Params.of(Map.of(
                "levels", "66",
                "level-tolerance-bps", "1")), LOT);
        building = MirrorStrategy.create(Params.of(Map.of(
                "levels", "66",
                "maintain-threshold-bps", "0",
                "max-updates-per-tick", "132",
                "level-tolerance-bps", "0")), LOT);
        tick = new MarketTick("BTC", LOT);
        tick.nowMs(1_000).reference(REFERENCE, 1_000);
        tick.book().clear(1_000);
        for (int i = 0; i < 20; i++) {
            tick.book().addBid(Fixed.belowBps(REFERENCE, 1 + i), Fixed.of("0.05"));
            tick.book().addAsk(Fixed.aboveBps(REFERENCE, 1 + i), Fixed.of("0.05"));
        }
        // place both staircases once so that aligned starts in maintenance
        out.clear();
        maintaining.quote(tick, out);
        out.clear();
        building.quote(tick, out);
    }

    @Benchmark
    public int aligned() {
        return quote(maintaining);
    }

    @Benchmark
    public int build() {
        return quote(building);
    }

    private int quote(MirrorStrategy strategy) {
        tick.reference((++calls & 1) == 0 ? REFERENCE : MOVED, calls);
        out.clear();
        strategy.quote(tick, out);
        return out.size();
    }
}
