package io.mmplatform.ops;

/**
 * One process of the paper stack: a Quarkus app built by its module, listening on portBase + offset.
 * The stop order is the reverse of {@link #values()}' order, less the simulator which goes last but one
 * (before the broker), so execution can still cancel its orders while it shuts down.
 */
public enum StackComponent {
    VENUE_SIMULATOR("venue-simulator", 0),
    PORTFOLIO("portfolio-service", 5),
    RISK("risk-service", 4),
    PRICE_FEED("price-feed-service", 1),
    EXECUTION("execution-service", 3),
    QUOTING("quoting-service", 2);

    private final String module;
    private final int portOffset;

    StackComponent(String module, int portOffset) {
        this.module = module;
        this.portOffset = portOffset;
    }

    public String module() {
        return module;
    }

    public int port(int portBase) {
        return portBase + portOffset;
    }
}
