package io.mmplatform.pricefeed;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.pricefeed.adapters.HermesStreamClient;
import io.mmplatform.pricefeed.adapters.VenueBookPoller;
import io.mmplatform.pricefeed.domain.HermesPrice;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wiring: the Hermes stream client to md.reference, the venue book poller to md.venue-book. */
@ApplicationScoped
public class PriceFeedService {
    private static final Logger LOG = Logger.getLogger(PriceFeedService.class);

    @Inject
    PriceFeedConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("md-reference")
    @OnOverflow(OnOverflow.Strategy.DROP)
    Emitter<String> references;
    @Inject
    @Channel("md-venue-book")
    @OnOverflow(OnOverflow.Strategy.DROP)
    Emitter<String> books;

    private final Map<String, Long> lastPriceNanos = new ConcurrentHashMap<>();
    private HttpClient http;
    private HermesStreamClient hermes;
    private VenueBookPoller poller;

    void onStart(@Observes StartupEvent event) {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        PriceFeedConfig.Hermes h = config.hermes();
        if (h.enabled()) {
            Map<String, String> byFeedId = new LinkedHashMap<>();
            h.feeds().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                try {
                    byFeedId.put(io.mmplatform.pricefeed.domain.HermesParser.normalizeId(e.getValue()), e.getKey());
                } catch (RuntimeException bad) {
                    throw new IllegalStateException("price-feed.hermes.feeds." + e.getKey() + ": " + bad.getMessage());
                }
            });
            HermesStreamClient.Settings settings;
            try {
                settings = new HermesStreamClient.Settings(uri(h.url(), "price-feed.hermes.url"), byFeedId, h.apiKey(),
                        h.reconnectInitial(), h.reconnectMax(), h.idleTimeout());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid price-feed.hermes.* (feeds / reconnect-initial / reconnect-max): "
                        + e.getMessage(), e);
            }
            hermes = new HermesStreamClient(settings, http, new HermesListener());
            LOG.infof("price-feed: Hermes %s, feeds %s, API key %s, source '%s'", h.url(), h.feeds(),
                    h.apiKey().filter(k -> !k.isBlank()).isPresent() ? "set" : "none", h.source());
            hermes.start();
        } else {
            LOG.info("price-feed: Hermes disabled (price-feed.hermes.enabled=false)");
        }
        PriceFeedConfig.Venue v = config.venue();
        if (v.enabled()) {
            VenueBookPoller.Settings settings;
            try {
                settings = new VenueBookPoller.Settings(uri(v.url(), "price-feed.venue.url"), v.name(), v.markets(),
                        v.pollInterval(), v.timeout());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid price-feed.venue.* (markets / poll-interval): " + e.getMessage(), e);
            }
            poller = new VenueBookPoller(settings, http, new BookListener());
            LOG.infof("price-feed: venue %s at %s, markets %s, every %s", v.name(), v.url(), v.markets(), v.pollInterval());
            poller.start();
        } else {
            LOG.info("price-feed: venue books disabled (price-feed.venue.enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (hermes != null) {
            hermes.close();
        }
        if (poller != null) {
            poller.close();
        }
    }

    private static URI uri(String value, String key) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + " must be an http(s) URL, got '" + value + "': " + e.getMessage());
        }
    }

    /** Readiness: the stream is connected and some price is fresher than the staleness limit. */
    public boolean hermesConnected() {
        return hermes != null && hermes.isConnected();
    }

    public Map<String, Long> lastPriceNanos() {
        return Map.copyOf(lastPriceNanos);
    }

    private final class HermesListener implements HermesStreamClient.Listener {
        @Override
        public void onPrice(String instrument, HermesPrice price, long receiveTimeNanos) {
            ReferencePrice reference = new ReferencePrice(instrument, config.hermes().source(), price.price(),
                    price.conf(), price.publishTimeMs(), receiveTimeNanos);
            try {
                references.send(KafkaRecord.of(reference.key(), Codecs.REFERENCE_PRICE.encode(reference)));
            } catch (RuntimeException e) {
                registry.counter("pricefeed.publish.failures", "topic", "md.reference").increment();
                return;
            }
            lastPriceNanos.put(instrument, receiveTimeNanos);
            registry.counter("pricefeed.updates", "source", config.hermes().source(), "instrument", instrument).increment();
        }

        @Override
        public void onMalformed(String reason) {
            registry.counter("pricefeed.malformed", "source", config.hermes().source()).increment();
            LOG.warnf("skipped a malformed Hermes event: %s", reason);
        }

        @Override
        public void onDisconnected(String reason, Duration retryIn) {
            registry.counter("pricefeed.reconnects", "source", config.hermes().source()).increment();
        }
    }

    private final class BookListener implements VenueBookPoller.Listener {
        @Override
        public void onBook(VenueBook book) {
            try {
                books.send(KafkaRecord.of(book.key(), Codecs.VENUE_BOOK.encode(book)));
            } catch (RuntimeException e) {
                registry.counter("pricefeed.publish.failures", "topic", "md.venue-book").increment();
                return;
            }
            registry.counter("pricefeed.updates", "source", book.venue(), "instrument", book.market()).increment();
        }

        @Override
        public void onError(String market, String reason, boolean malformed) {
            registry.counter(malformed ? "pricefeed.malformed" : "pricefeed.poll.errors", "source", config.venue().name())
                    .increment();
        }
    }
}
