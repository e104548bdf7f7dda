package io.mmplatform.bench;

import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;
import io.mmplatform.quoting.domain.strategy.MakerControls;
import io.mmplatform.quoting.domain.strategy.SpreadLadderStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One tick of the ladder strategy (10 levels a side), bare and wrapped with every maker control on. Each invocation
 * nudges the reference up or down by 2 bps (alternating) and advances the clock by 100 ms; every 50th adds a fill so
 * the fill-driven controls (auto side, entry, fill delay) have work to do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpreadLadderBenchmark {
    private static final long LOT = 1_000_000L; // 0.01
    private static final long REFERENCE = 150L * Fixed.ONE;
    private static final long NUDGE = 3_000_000L; // 0.03 = 2 bps
    private static final long HALF_SPREAD = 7_500_000L; // the venue's book: 10 bps wide

    private final MarketTick tick = new MarketTick("SOL", LOT);
    private final OrderSet out = new OrderSet();
    private Strategy ladder;
    private Strategy controlled;
    private long nowMs;
    private long n;

    @Setup
    public void setup() {
        Map<String, String> params = ladderParams();
        ladder = SpreadLadderStrategy.create(Params.of(params), LOT);

        params.put("single-sided", "auto");
        params.put("maker-fee-bps", "1.5");
        params.put("taker-fee-bps", "4.5");
        params.put("fee-buffer-bps", "1");
        params.put("guard-taker", "true");
        params.put("dynamic-spread-percentile", "50");
        params.put("dynamic-spread-samples", "120");
        params.put("bail-out-bps", "50");
        params.put("bail-out-after-ms", "10000");
        params.put("take-profit-bps", "30");
        params.put("inventory-skew-bps", "2");
        params.put("inventory-unit", "1");
        params.put("max-inventory-skew-bps", "20");
        params.put("refresh-tolerance-bps", "1");
        params.put("price-ceiling", "1000");
        params.put("price-floor", "10");
        params.put("fill-delay-ms", "500");
        Params p = Params.of(params);
        controlled = MakerControls.wrap(SpreadLadderStrategy.create(p, LOT), p, LOT);
        p.rejectUnknown();
        if (!(controlled instanceof MakerControls)) {
            throw new IllegalStateException("controls not configured");
        }
        nowMs = 1_700_000_000_000L;
        tick.position(2 * Fixed.ONE);
    }

    private static Map<String, String> ladderParams() {
        Map<String, String> m = new HashMap<>();
        m.put("spread-bps", "10");
        m.put("levels", "10");
        m.put("level-spacing-bps", "5");
        m.put("size", "2");
        m.put("max-position", "50");
        m.put("skew-bps", "10");
        m.put("size-skew", "0.5");
        m.put("max-deviation-bps", "30");
        return m;
    }

    @Benchmark
    public int ladder() {
        return quote(ladder);
    }

    @Benchmark
    public int ladderWithControls() {
        return quote(controlled);
    }

    private int quote(Strategy strategy) {
        long i = ++n;
        nowMs += 100;
        long reference = REFERENCE + ((i & 1) == 0 ? NUDGE : -NUDGE);
        if (i % 50 == 0) {
            boolean buy = (i / 50 & 1) == 0;
            tick.fills().add(nowMs, buy, reference, LOT);
            strategy.onFill(nowMs, buy, reference, LOT);
        }
        tick.book().clear(nowMs);
        tick.book().addBid(reference - HALF_SPREAD, Fixed.ONE);
        tick.book().addAsk(reference + HALF_SPREAD, Fixed.ONE);
        tick.nowMs(nowMs).reference(reference, nowMs);
        out.clear();
        strategy.quote(tick, out);
        return out.size();
    }
}
