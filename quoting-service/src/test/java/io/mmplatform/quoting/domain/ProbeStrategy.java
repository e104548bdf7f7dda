package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.TimeInForce;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A test-only strategy that shows what it saw: b0/a0 around the reference ({@code spread-bps}, {@code size});
 * b1 at the venue's best bid when it has a two-sided book; a1 sized one lot per {@link #onFill} call, a2 one lot per
 * remembered fill of the tick; b2 sized |position| when there is one.
 */
public final class ProbeStrategy implements Strategy {
    public static final String TYPE = "probe";

    private final double halfSpreadBps;
    private final long size;
    private final long lot;
    private final TimeInForce tif;
    private int fillsSeen;

    private ProbeStrategy(Params p, long lot) {
        BigDecimal spread = p.positive("spread-bps", "10");
        this.halfSpreadBps = spread.doubleValue() / 2;
        this.size = Fixed.of(p.positive("size", null));
        if (size % lot != 0) {
            throw new InvalidDefinitionException(p.path("size"), "must be a multiple of the lot");
        }
        this.tif = p.choice("tif", TimeInForce.class, TimeInForce.ALO);
        this.lot = lot;
    }

    public static ProbeStrategy create(Params p, long lot) {
        return new ProbeStrategy(p, lot);
    }

    /** The test registry: probe only. */
    public static Strategies strategies() {
        return new Strategies(Map.of(TYPE, ProbeStrategy::create));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> status() {
        return Map.of("fills-seen", String.valueOf(fillsSeen));
    }

    @Override
    public String snapshot() {
        return "probe:" + fillsSeen;
    }

    @Override
    public void restore(String snapshot) {
        if (!snapshot.startsWith("probe:")) {
            throw new IllegalArgumentException("not a probe snapshot");
        }
        fillsSeen = Integer.parseInt(snapshot.substring("probe:".length()));
    }

    @Override
    public void quote(MarketTick tick, OrderSet out) {
        long ref = tick.reference();
        out.add(true, Fixed.belowBps(ref, halfSpreadBps), size, 0, tif);
        out.add(false, Fixed.aboveBps(ref, halfSpreadBps), size, 0, tif);
        if (tick.book().twoSided()) {
            out.add(true, tick.book().bidPx(0), size, 1, tif);
        }
        if (tick.position() != 0) {
            out.add(true, Fixed.belowBps(ref, 100), Fixed.lotsDown(Math.abs(tick.position()), lot), 2, tif);
        }
        if (fillsSeen > 0) {
            out.add(false, Fixed.aboveBps(ref, 100), fillsSeen * lot, 1, tif);
            out.add(false, Fixed.aboveBps(ref, 200), tick.fills().size() * lot, 2, tif);
        }
    }

    @Override
    public void onFill(long timeMs, boolean buy, long px, long sz) {
        fillsSeen++;
    }
}
