package io.mmplatform.pricefeed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mmplatform.common.Instruments;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.pricefeed.adapters.HermesSource;
import io.mmplatform.pricefeed.adapters.HermesStreamClient;
import io.mmplatform.pricefeed.adapters.HyperliquidStreamSource;
import io.mmplatform.pricefeed.adapters.InjectiveSource;
import io.mmplatform.pricefeed.adapters.VenueBookPoller;
import io.mmplatform.pricefeed.domain.HermesParser;
import io.mmplatform.pricefeed.domain.InjectiveMarket;
import io.mmplatform.pricefeed.domain.ReferenceAggregator;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;
import io.mmplatform.common.kafka.SupersededRecordPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.common.annotation.Identifier;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wiring: every price source (Pyth Hermes, Injective mainnet, Hyperliquid mainnet) reports to one {@link SourceSink}
 * ({@link #sourceSink()}) that feeds the {@link ReferenceAggregator}; its references go to md.reference, its
 * data-quality changes to md.quality. The target venue's books go to md.venue-book, the mainnet sources' depth (when
 * turned on) to md.source-book.
 */
@ApplicationScoped
public class PriceFeedService {
    private static final Logger LOG = Logger.getLogger(PriceFeedService.class);

    @Inject
    PriceFeedConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    private volatile SupersededRecordPublisher<ReferencePrice> references;
    @Inject
    @Channel("md-venue-book")
    @OnOverflow(OnOverflow.Strategy.DROP)
    Emitter<String> books;
    @Inject
    @Channel("md-source-book")
    @OnOverflow(OnOverflow.Strategy.DROP)
    Emitter<String> sourceBooks;
    @Inject
    @Channel("md-quality")
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<String> qualityOut;

    /** source -> instrument -> last receive time (epoch nanos), for the age gauges. */
    private final Map<String, Map<String, Long>> lastReceiveNanos = new ConcurrentHashMap<>();
    private final AggregatingSink sink = new AggregatingSink();
    private final Map<String, Boolean> sourceUp = new ConcurrentHashMap<>();
    private volatile ReferenceAggregator aggregator;
    private Timer latency;
    private HttpClient http;
    private HermesSource hermes;
    private InjectiveSource injective;
    private InjectiveSource injectiveVenue;
    private HyperliquidStreamSource hyperliquid;
    private VenueBookPoller poller;
    private final AtomicLong sourceBookSeq = new AtomicLong();
    private ScheduledExecutorService stalenessCheck;

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        // before the sources start: their first references find md.reference's metadata (ADR 0014)
        references = SupersededRecordPublisher.open(kafka, "price-feed-md-reference", Topics.MD_REFERENCE,
                Codecs.REFERENCE_PRICE, registry, Duration.ofSeconds(10));
        aggregator();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        startHermes();
        startInjective();
        startHyperliquid();
        startVenueBooks();
        startInjectiveVenueBooks();
        startStalenessCheck();
    }

    private void startHermes() {
        PriceFeedConfig.Hermes h = config.hermes();
        if (!h.enabled()) {
            LOG.info("price-feed: Hermes disabled (price-feed.hermes.enabled=false)");
            return;
        }
        Map<String, String> byFeedId = new LinkedHashMap<>();
        h.feeds().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            try {
                byFeedId.put(HermesParser.normalizeId(e.getValue()), e.getKey());
            } catch (RuntimeException bad) {
                throw new IllegalStateException("price-feed.hermes.feeds." + e.getKey() + ": " + bad.getMessage());
            }
        });
        HermesStreamClient.Settings settings;
        try {
            settings = new HermesStreamClient.Settings(uri(h.url(), "price-feed.hermes.url"), byFeedId, h.apiKey(),
                    h.reconnectInitial(), h.reconnectMax(), h.idleTimeout(), h.requestTimeout(), h.rateLimitMinWait(),
                    h.rateLimitMaxWait(), h.readLatest(), h.immediateReconnectMinInterval(), h.maxEventChars());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid price-feed.hermes.* (feeds, reconnect-initial / reconnect-max, "
                    + "idle-timeout, request-timeout, rate-limit-min-wait / rate-limit-max-wait, max-event-chars): "
                    + e.getMessage(), e);
        }
        expectSource(h.source(), h.feeds().keySet());
        hermes = new HermesSource(h.source(), settings, http, sink);
        LOG.infof("price-feed: Hermes %s, feeds %s, API key %s, source '%s', latest read on reconnect %s", h.url(),
                h.feeds(), h.apiKey().filter(k -> !k.isBlank()).isPresent() ? "set" : "none", h.source(), h.readLatest());
        hermes.start();
    }

    private void startInjective() {
        PriceFeedConfig.Injective inj = config.injective();
        if (!inj.enabled()) {
            LOG.info("price-feed: Injective mainnet source disabled (price-feed.injective.enabled=false)");
            return;
        }
        List<InjectiveMarket> markets = injectiveMarkets(inj, "price-feed.injective", false);
        InjectiveSource.Settings settings;
        try {
            settings = new InjectiveSource.Settings(uri(inj.lcdUrl(), "price-feed.injective.lcd-url"), markets,
                    inj.pollInterval(), inj.timeout(), inj.depth(), inj.depthLevels(), inj.maxBackoff());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid price-feed.injective.* (markets, poll-interval, timeout, depth-levels): "
                    + e.getMessage(), e);
        }
        List<String> instruments = markets.stream().map(InjectiveMarket::name).toList();
        expectSource(InjectiveSource.SOURCE, instruments);
        injective = new InjectiveSource(settings, http, sink, inj.depth() ? this::publishSourceBook : null);
        LOG.infof("price-feed: Injective mainnet LCD %s, markets %s, every %s, depth %s", inj.lcdUrl(),
                markets.stream().map(m -> m.name() + "=" + m.kind().path() + " " + m.marketId()).toList(),
                inj.pollInterval(), inj.depth() ? inj.depthLevels() + " levels on md.source-book" : "off");
        injective.start();
    }

    /**
     * The configured markets, each named by its {@code name} or else its key; a target venue's names are the
     * platform's Injective market names ({@code INJ/USDT PERP} -> {@code INJ/USDT-PERP}).
     */
    static List<InjectiveMarket> injectiveMarkets(PriceFeedConfig.Injective inj, String prefix, boolean venue) {
        if (inj.markets().isEmpty()) {
            throw new IllegalStateException(prefix + ".enabled=true but no " + prefix + ".markets.<key>.*");
        }
        List<InjectiveMarket> markets = new ArrayList<>();
        new TreeMap<>(inj.markets()).forEach((key, m) -> {
            try {
                String name = m.name().filter(n -> !n.isBlank()).orElse(key);
                if (venue) {
                    name = Instruments.injectiveMarketName(name);
                }
                markets.add(InjectiveMarket.of(name, m.marketId(), m.kind(), m.baseDecimals(), m.quoteDecimals(),
                        m.api()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(prefix + ".markets." + key + ": " + e.getMessage(), e);
            }
        });
        return markets;
    }

    /** The target venue's Injective books: the LCD order book of each market onto md.venue-book. */
    private void startInjectiveVenueBooks() {
        PriceFeedConfig.Injective v = config.injectiveVenue();
        if (!v.enabled()) {
            LOG.info("price-feed: Injective venue books disabled (price-feed.injective-venue.enabled=false)");
            return;
        }
        List<InjectiveMarket> markets = injectiveMarkets(v, "price-feed.injective-venue", true);
        InjectiveSource.Settings settings;
        try {
            settings = new InjectiveSource.Settings(uri(v.lcdUrl(), "price-feed.injective-venue.lcd-url"), markets,
                    v.pollInterval(), v.timeout(), true, v.depthLevels(), v.maxBackoff());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid price-feed.injective-venue.* (markets, poll-interval, timeout, depth-levels): "
                    + e.getMessage(), e);
        }
        injectiveVenue = new InjectiveSource(settings, http, new VenueSink(), book -> publishVenueBook(book));
        LOG.infof("price-feed: Injective venue books from %s, markets %s, every %s, %d levels", v.lcdUrl(),
                markets.stream().map(m -> m.name() + "=" + m.kind().path() + " " + m.marketId()).toList(),
                v.pollInterval(), v.depthLevels());
        injectiveVenue.start();
    }

    private void startHyperliquid() {
        PriceFeedConfig.Hyperliquid hl = config.hyperliquid();
        if (!hl.enabled()) {
            LOG.info("price-feed: Hyperliquid mainnet source disabled (price-feed.hyperliquid.enabled=false)");
            return;
        }
        if (hl.coins().isEmpty()) {
            throw new IllegalStateException("price-feed.hyperliquid.enabled=true but no price-feed.hyperliquid.coins.<instrument>");
        }
        Map<String, String> instrumentByCoin = new LinkedHashMap<>();
        new TreeMap<>(hl.coins()).forEach((instrument, coin) -> {
            if (instrumentByCoin.put(coin, instrument) != null) {
                throw new IllegalStateException("price-feed.hyperliquid.coins: coin " + coin + " mapped twice");
            }
        });
        HyperliquidStreamSource.Settings settings;
        try {
            settings = new HyperliquidStreamSource.Settings(wsUri(hl.wsUrl()),
                    uri(hl.restUrl(), "price-feed.hyperliquid.rest-url"), List.copyOf(instrumentByCoin.keySet()),
                    instrumentByCoin, hl.idleTimeout(), hl.pingInterval(), hl.reconnectInitial(), hl.reconnectMax(),
                    hl.fallbackPollInterval());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid price-feed.hyperliquid.* (idle-timeout, ping-interval, "
                    + "reconnect-initial / reconnect-max, fallback-poll-interval): " + e.getMessage(), e);
        }
        expectSource(HyperliquidStreamSource.SOURCE, instrumentByCoin.values());
        HyperliquidStreamSource.BookListener books = hl.depth() ? (instrument, book, receiveNanos) -> publishSourceBook(
                new VenueBook(HyperliquidStreamSource.SOURCE, instrument, sourceBookSeq.incrementAndGet(), book.timeMs(), receiveNanos,
                        book.bids(), book.asks())) : null;
        hyperliquid = new HyperliquidStreamSource(settings, http, sink, books);
        LOG.infof("price-feed: Hyperliquid mainnet %s (REST fallback %s every %s), coins %s, depth %s", hl.wsUrl(),
                hl.restUrl(), hl.fallbackPollInterval(), instrumentByCoin, hl.depth() ? "on md.source-book" : "off");
        hyperliquid.start();
    }

    private void startVenueBooks() {
        PriceFeedConfig.Venue v = config.venue();
        if (!v.enabled()) {
            LOG.info("price-feed: venue books disabled (price-feed.venue.enabled=false)");
            return;
        }
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
    }

    void onStop(@Observes ShutdownEvent event) {
        if (stalenessCheck != null) {
            stalenessCheck.shutdownNow();
        }
        for (AutoCloseable source : new AutoCloseable[]{hermes, injective, injectiveVenue, hyperliquid, poller}) {
            if (source != null) {
                try {
                    source.close();
                } catch (Exception e) {
                    LOG.warnf("closing %s: %s", source, e.getMessage());
                }
            }
        }
        if (references != null) {
            references.close();
        }
    }

    private static URI wsUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("price-feed.hyperliquid.ws-url must be a ws(s) URL, got '" + value + "'");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("ws") || uri.getScheme().equals("wss")) || uri.getHost() == null) {
            throw new IllegalStateException("price-feed.hyperliquid.ws-url must be a ws(s) URL, got '" + value + "'");
        }
        return uri;
    }

    /** A target venue's book, on md.venue-book. */
    private void publishVenueBook(VenueBook book) {
        try {
            books.send(KafkaRecord.of(book.key(), Codecs.VENUE_BOOK.encode(book)));
        } catch (RuntimeException e) {
            registry.counter("pricefeed.publish.failures", "topic", "md.venue-book").increment();
            return;
        }
        registry.counter("pricefeed.venue.books", "venue", book.venue(), "market", book.market()).increment();
    }

    /** The Injective venue poller's reports: its prices are the target's, never a reference; failures are counted. */
    private final class VenueSink implements SourceSink {
        @Override
        public void onPrice(SourcePrice price) {
        }

        @Override
        public void onMalformed(String source, String reason) {
            registry.counter("pricefeed.venue.malformed", "venue", source).increment();
            LOG.warnf("skipped a malformed %s venue answer: %s", source, reason);
        }

        @Override
        public void onDisconnected(String source, String reason, Duration retryIn) {
            registry.counter("pricefeed.venue.poll.errors", "venue", source).increment();
        }
    }

    /** Depth of a reference source, on md.source-book. */
    private void publishSourceBook(VenueBook book) {
        try {
            sourceBooks.send(KafkaRecord.of(book.key(), Codecs.VENUE_BOOK.encode(book)));
        } catch (RuntimeException e) {
            registry.counter("pricefeed.publish.failures", "topic", "md.source-book").increment();
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

    /** Hermes' last receive time (epoch nanos) per instrument, for readiness. */
    public Map<String, Long> lastPriceNanos() {
        return hermes == null ? Map.of() : hermes.client().lastReceiveTimeNanos();
    }

    /** Each source's state as it last reported it: true after a price or a (re)connect, false after a failure. */
    public Map<String, Boolean> sourcesUp() {
        return new TreeMap<>(sourceUp);
    }

    /** The aggregator, built from price-feed.reference.* on first use (a bad setting fails start-up naming it). */
    synchronized ReferenceAggregator aggregator() {
        if (aggregator == null) {
            PriceFeedConfig.Reference r = config.reference();
            Map<String, Set<String>> expected = new TreeMap<>();
            r.sources().forEach((instrument, sources) -> expected.put(instrument, new TreeSet<>(sources)));
            try {
                aggregator = new ReferenceAggregator(new ReferenceAggregator.Settings(r.maxDivergenceBps(),
                        r.defaultStaleness(), r.staleness(), r.minSources(), r.clockSkewTolerance(), expected));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid price-feed.reference.*: " + e.getMessage(), e);
            }
            latency = Timer.builder("pricefeed.reference.latency")
                    .description("from receiving a source price to handing its reference to the producer")
                    .publishPercentileHistogram().register(registry);
            LOG.infof("price-feed: reference = median of fresh sources; max divergence %s bps, staleness %s (default %s), "
                            + "min sources %d, clock skew tolerance %s, expected sources %s", r.maxDivergenceBps(),
                    r.staleness(), r.defaultStaleness(), r.minSources(), r.clockSkewTolerance(), expected);
        }
        return aggregator;
    }

    /**
     * Where every source reports (thread-safe: any number of source threads may call it). A new source adapter gets
     * this sink, and declares its instruments with {@link #expectSource} so the reference is a median from the start.
     */
    public SourceSink sourceSink() {
        return sink;
    }

    /** A source prices these instruments (for the reference's name "median" and the quality events' source list). */
    public void expectSource(String source, Collection<String> instruments) {
        aggregator().expect(source, instruments);
    }

    /** The quality state of every instrument decided so far (OK, DIVERGED, STALE). */
    public Map<String, QualityState> qualityStates() {
        return aggregator == null ? Map.of() : aggregator.states();
    }

    /** The staleness check on its own thread: Quarkus' scheduler does not run more often than once a second. */
    private void startStalenessCheck() {
        long every = config.reference().checkInterval().toMillis();
        if (every <= 0) {
            throw new IllegalStateException("price-feed.reference.check-interval must be positive, got "
                    + config.reference().checkInterval());
        }
        stalenessCheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reference-staleness-check");
            t.setDaemon(true);
            return t;
        });
        stalenessCheck.scheduleWithFixedDelay(() -> {
            try {
                checkStaleness();
            } catch (RuntimeException e) {
                LOG.errorf(e, "staleness check failed");
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void checkStaleness() {
        ReferenceAggregator agg = aggregator;
        if (agg == null) {
            return;
        }
        synchronized (sink) {
            publish(agg.check(nowNanos()), -1L);
        }
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Publishes what the aggregator decided; triggerNanos >= 0: the receive time of the price that caused it. */
    private void publish(ReferenceAggregator.Output out, long triggerNanos) {
        for (DataQuality quality : out.quality()) {
            registry.counter("pricefeed.quality.events", "state", quality.state().name()).increment();
            if (quality.ok()) {
                LOG.infof("data quality %s OK: %s", quality.instrument(), quality.reason());
            } else {
                LOG.warnf("data quality %s %s, no reference until OK: %s", quality.instrument(), quality.state(), quality.reason());
            }
            try {
                qualityOut.send(KafkaRecord.of(quality.key(), Codecs.DATA_QUALITY.encode(quality)));
            } catch (RuntimeException e) {
                registry.counter("pricefeed.publish.failures", "topic", "md.quality").increment();
                LOG.errorf("could not publish data quality %s %s: %s", quality.instrument(), quality.state(), e.getMessage());
            }
        }
        for (ReferencePrice reference : out.references()) {
            if (!references.publish(reference)) {
                continue;
            }
            if (triggerNanos >= 0) {
                long took = nowNanos() - triggerNanos;
                latency.record(Math.max(0, took), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The one sink of every source: counts, remembers ages, and feeds the aggregator. */
    private final class AggregatingSink implements SourceSink {
        @Override
        public void onPrice(SourcePrice price) {
            sourceUp.put(price.source(), true);
            registry.counter("pricefeed.updates", "source", price.source(), "instrument", price.instrument()).increment();
            Map<String, Long> bySource = lastReceiveNanos.computeIfAbsent(price.source(), s -> new ConcurrentHashMap<>());
            if (bySource.put(price.instrument(), price.receiveTimeNanos()) == null) {
                String source = price.source();
                String instrument = price.instrument();
                Gauge.builder("pricefeed.source.age", () -> {
                            Long last = lastReceiveNanos.getOrDefault(source, Map.of()).get(instrument);
                            return last == null ? Double.NaN : (nowNanos() - last) / 1e9;
                        })
                        .description("seconds since the last price of a source for an instrument")
                        .baseUnit("seconds").tags("source", source, "instrument", instrument).register(registry);
            }
            ReferenceAggregator.Output out;
            synchronized (this) {
                out = aggregator().onPrice(price, nowNanos());
                publish(out, price.receiveTimeNanos());
            }
            if (out.clockSkew()) {
                registry.counter("pricefeed.clock.skew", "source", price.source()).increment();
            }
        }

        @Override
        public void onMalformed(String source, String reason) {
            registry.counter("pricefeed.malformed", "source", source).increment();
            LOG.warnf("skipped a malformed %s update: %s", source, reason);
        }

        @Override
        public void onDisconnected(String source, String reason, Duration retryIn) {
            sourceUp.put(source, false);
            registry.counter("pricefeed.reconnects", "source", source).increment();
        }

        @Override
        public void onConnected(String source) {
            sourceUp.put(source, true);
        }
    }

    private final class BookListener implements VenueBookPoller.Listener {
        @Override
        public void onBook(VenueBook book) {
            publishVenueBook(book);
        }

        @Override
        public void onError(String market, String reason, boolean malformed) {
            registry.counter(malformed ? "pricefeed.venue.malformed" : "pricefeed.venue.poll.errors", "venue", config.venue().name())
                    .increment();
        }
    }
}
