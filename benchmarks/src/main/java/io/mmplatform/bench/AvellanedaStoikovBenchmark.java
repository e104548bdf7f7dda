package io.mmplatform.bench;

import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.strategy.AvellanedaStoikovStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Avellaneda-Stoikov tick: 5 levels per side, a full volatility window, some inventory. Each invocation moves
 * the clock by 250 ms, so every fourth tick takes a volatility sample (the O(window) path) as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AvellanedaStoikovBenchmark {
    private static final long LOT = Fixed.of("0.0001");

    private AvellanedaStoikovStrategy strategy;
    private MarketTick tick;
    private OrderSet out;
    private long reference;
    private long nudge;
    private long nowMs;
    private boolean up;

    @Setup(Level.Trial)
    public void setup() {
        strategy = AvellanedaStoikovStrategy.create(Params.of(Map.of(
                "levels", "5",
                "level-spacing-bps", "4",
                "base-spread-bps", "8",
                "order-notional-usd", "5000",
                "max-notional-usd", "20000",
                "max-inventory", "2",
                "min-order-size", "0.001",
                "volatility-window", "60",
                "sample-interval-ms", "1000")), LOT);
        reference = Fixed.of("64000");
        nudge = Fixed.of("12.5");
        tick = new MarketTick("BTC", LOT).position(Fixed.of("0.3")).fundingRate(0.0001);
        out = new OrderSet();
        nowMs = 1_700_000_000_000L;
        for (int i = 0; i < 60; i++) { // fill the volatility window
            nowMs += 1000;
            tick.reference(reference + (i % 3 - 1) * nudge, nowMs).nowMs(nowMs);
            out.clear();
            strategy.quote(tick, out);
        }
    }

    @Benchmark
    public int quote() {
        up = !up;
        nowMs += 250;
        tick.reference(up ? reference + nudge : reference, nowMs).nowMs(nowMs);
        out.clear();
        strategy.quote(tick, out);
        return out.size();
    }
}
