package io.mmplatform.portfolio.adapters.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.kafka.PollLoopConsumer;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.portfolio.adapters.PortfolioMetrics;
import io.mmplatform.portfolio.domain.Position;
import io.mmplatform.portfolio.domain.PositionBook;
import io.mmplatform.portfolio.domain.PositionKey;
import io.mmplatform.portfolio.domain.PublishThrottle;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.HashMap;
import java.util.Map;

/**
 * md.reference -> marks. Each reference price becomes its instrument's mark, the mark of every market priced from it
 * ({@code INJ} marks INJ, INJ/USDT and INJ/USDT-PERP: {@link io.mmplatform.common.Instruments#referenceOf}); the
 * positions in those markets are republished with their new unrealized PnL, at most once per
 * portfolio.mark-publish-interval per position. A mark that arrives inside the interval is published when the
 * interval ends ({@link MarkFlusher}), so the last mark is never lost. Flat positions are not republished: their
 * unrealized PnL is 0 at any mark.
 *
 * <p>The topic carries a record per market per tick, so it is read by a plain consumer on a poll thread of its own
 * (ADR 0015), group {@value #GROUP}, from the earliest record; records that do not decode go to md.reference.dlq
 * (counted in {@code kafka_dead_letters_total{topic="md.reference"}}).
 */
@Readiness
@ApplicationScoped
public class ReferenceConsumer implements HealthCheck {
    static final String GROUP = "portfolio-service-marks";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    MeterRegistry registry;

    @Inject
    PositionBook book;

    @Inject
    PublishThrottle<PositionKey> throttle;

    @Inject
    PositionPublisher publisher;

    @Inject
    PortfolioMetrics metrics;

    private volatile PollLoopConsumer<ReferencePrice> loop;

    void onStart(@Observes StartupEvent event) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        loop = new PollLoopConsumer<>(settings, "portfolio-md-reference", Topics.MD_REFERENCE, Codecs.REFERENCE_PRICE,
                (reference, record) -> onReference(reference), PollLoopConsumer.Assignment.NONE).start(registry);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    void onReference(ReferencePrice reference) {
        metrics.marksReceived.increment();
        long now = System.currentTimeMillis();
        for (Position position : book.mark(reference.instrument(), reference.price())) {
            // a flat position's unrealized PnL is 0 whatever the mark: nothing to tell
            if (!position.isFlat() && throttle.offer(position.key(), now)) {
                publisher.publishOnMark(position.key());
            }
        }
    }

    /** Ready while the loop runs and its last poll succeeded. */
    @Override
    public HealthCheckResponse call() {
        PollLoopConsumer<ReferencePrice> l = loop;
        if (l == null) {
            return HealthCheckResponse.named("kafka md.reference").down().withData("state", "not started").build();
        }
        PollLoopConsumer.Status s = l.status();
        return HealthCheckResponse.named("kafka md.reference").status(s.healthy()).withData("state", s.describe()).build();
    }
}
