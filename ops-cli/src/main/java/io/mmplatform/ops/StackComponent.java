package io.mmplatform.ops;

/**
 * One process of the paper stack: a Quarkus app built by its module, listening on portBase + offset.
 * The stop order is the reverse of {@link #values()}' order, less the simulator which goes last but one
 * (before the broker), so execution can still cancel its orders while it shuts down.
 */
public enum StackComponent {
    VENUE_SIMULATOR("venue-simulator", 0, true),
    PORTFOLIO("portfolio-service", 5, false),
    RISK("risk-service", 4, false),
    PRICE_FEED("price-feed-service", 1, true),
    EXECUTION("execution-service", 3, true),
    QUOTING("quoting-service", 2, true);

    private final String module;
    private final int portOffset;
    private final boolean tradingPath;

    StackComponent(String module, int portOffset, boolean tradingPath) {
        this.module = module;
        this.portOffset = portOffset;
        this.tradingPath = tradingPath;
    }

    /**
     * On the path from a tick to an order (or the venue that path ends at). Risk and portfolio read beside it: on
     * one machine they run at a lower CPU priority ({@link PaperStack}), so that a burst of ticks is turned into
     * orders before they take their share of the CPU.
     */
    public boolean tradingPath() {
        return tradingPath;
    }

    public String module() {
        return module;
    }

    public int port(int portBase) {
        return portBase + portOffset;
    }
}
