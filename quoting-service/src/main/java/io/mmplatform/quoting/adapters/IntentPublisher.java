package io.mmplatform.quoting.adapters;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.kafka.SupersededRecordPublisher;
import io.mmplatform.common.messages.QuoteIntent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.time.Duration;
import java.util.Map;

/**
 * quote.intents out, on the caller's thread (ADR 0014). Its own bean so that it opens before the incoming channels
 * start (an observer on the service would build the service before its channels are wired): the first intents find
 * the topic's metadata.
 */
@ApplicationScoped
public class IntentPublisher {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    MeterRegistry registry;

    private volatile SupersededRecordPublisher<QuoteIntent> out;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException {
        out = SupersededRecordPublisher.open(kafka, "quoting-quote-intents", Topics.QUOTE_INTENTS,
                Codecs.QUOTE_INTENT, registry, Duration.ofSeconds(10));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (out != null) {
            out.close();
        }
    }

    /** False when the intent was dropped: counted in kafka_records_lost_total and superseded by the next. */
    public boolean publish(QuoteIntent intent) {
        return out.publish(intent);
    }
}
