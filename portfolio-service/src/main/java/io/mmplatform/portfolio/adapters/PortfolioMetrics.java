package io.mmplatform.portfolio.adapters;

import io.mmplatform.portfolio.domain.PositionBook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** The counters an operator of the portfolio wants on /q/metrics. */
@Singleton // no client proxy: callers read the public final fields
public class PortfolioMetrics {
    public final Counter fillsApplied;
    public final Counter fillsDuplicate;
    public final Counter fillsRejected;
    public final Counter applyRetries;
    public final Counter publishedOnFill;
    public final Counter publishedOnMark;
    public final Counter publishFailures;
    public final Counter marksReceived;
    public final Timer fillApply;

    @Inject
    public PortfolioMetrics(MeterRegistry registry, PositionBook book) {
        fillsApplied = Counter.builder("portfolio.fills.applied")
                .description("fills applied to positions (each fill id once)").register(registry);
        fillsDuplicate = Counter.builder("portfolio.fills.duplicates")
                .description("redelivered fills skipped because their fill id was already applied").register(registry);
        fillsRejected = Counter.builder("portfolio.fills.rejected")
                .description("exec.fills records that did not decode (sent to exec.fills.dlq)").register(registry);
        applyRetries = Counter.builder("portfolio.fills.apply.retries")
                .description("failed attempts to apply a fill (database errors); the fill is retried").register(registry);
        publishedOnFill = Counter.builder("portfolio.positions.published").tag("cause", "fill")
                .description("position updates published on portfolio.positions").register(registry);
        publishedOnMark = Counter.builder("portfolio.positions.published").tag("cause", "mark")
                .description("position updates published on portfolio.positions").register(registry);
        publishFailures = Counter.builder("portfolio.positions.publish.failures")
                .description("position updates the broker did not accept").register(registry);
        marksReceived = Counter.builder("portfolio.marks.received")
                .description("md.reference prices used as marks").register(registry);
        fillApply = Timer.builder("portfolio.fill.apply")
                .description("time to apply one fill: transaction and publication").register(registry);
        Gauge.builder("portfolio.positions.open", book, b -> b.all().stream().filter(p -> !p.isFlat()).count())
                .description("positions with a non-zero size").register(registry);
    }
}
