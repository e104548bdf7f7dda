package io.mmplatform.bench;

import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.strategy.GridStrategy;
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

/** One grid tick: 100 levels between 100 and 200, a few counter-orders open, the reference alternating. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GridStrategyBenchmark {
    private static final long LOT = Fixed.of("0.001");

    private GridStrategy strategy;
    private MarketTick tick;
    private OrderSet out;
    private long reference;
    private long nudge;
    private long nowMs;
    private boolean up;

    @Setup(Level.Trial)
    public void setup() {
        strategy = GridStrategy.create(Params.of(Map.of(
                "lower", "100",
                "upper", "200",
                "levels", "100",
                "mode", "geometric",
                "direction", "both",
                "total-margin", "100000",
                "tif", "alo")), LOT);
        reference = Fixed.of("150");
        nudge = Fixed.of("0.3");
        strategy.onFill(0, true, Fixed.of("148"), Fixed.of("1"));
        strategy.onFill(0, false, Fixed.of("153"), Fixed.of("1"));
        tick = new MarketTick("BTC", LOT);
        out = new OrderSet();
        nowMs = 1_700_000_000_000L;
    }

    @Benchmark
    public int quote() {
        up = !up;
        nowMs += 100;
        tick.reference(up ? reference + nudge : reference, nowMs).nowMs(nowMs);
        out.clear();
        strategy.quote(tick, out);
        return out.size();
    }
}
