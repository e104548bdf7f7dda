package io.mmplatform.pricefeed.adapters;

import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.pricefeed.domain.Backoff;
import io.mmplatform.pricefeed.domain.InjectiveLcdParser;
import io.mmplatform.pricefeed.domain.InjectiveMarket;
import io.mmplatform.pricefeed.domain.MalformedUpdateException;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Injective mainnet market data from an LCD (Cosmos REST) node: for every configured market, polls
 * {@code GET {lcd}/injective/exchange/{v1beta1|v2}/{spot|derivative}/mid_price_and_tob/{market_id}} every poll
 * interval and reports the exact human mid as {@code SourcePrice("injective", name, mid, null, receive ms,
 * receive nanos)} to a {@link SourceSink}. With depth on it also polls {@code .../orderbook/{market_id}?limit=N} and
 * hands a {@link VenueBook} (venue {@code injective}, market = name) to a {@link DepthListener}. The name is the
 * market's {@link InjectiveMarket#name()}: an instrument for a reference source, a market name for a target venue.
 *
 * <ul>
 *   <li>Transport errors, timeouts and non-200 answers: the market backs off exponentially (poll interval doubling up
 *       to {@code maxBackoff}); each failed poll is reported with {@link SourceSink#onDisconnected}, the recovery
 *       with {@link SourceSink#onConnected}. Other markets go on at their own pace.</li>
 *   <li>HTTP 429: the whole source pauses (the limit is per client, not per market) for {@code Retry-After}
 *       (seconds or an HTTP date, capped at {@link #MAX_RETRY_AFTER}), or for an exponential back-off when the
 *       header is missing.</li>
 *   <li>A malformed answer is reported with {@link SourceSink#onMalformed}, counted and skipped; polling goes on at
 *       the normal interval (the node answered).</li>
 *   <li>A book without a mid (empty or one-sided) is skipped: nothing is published and it is not malformed; it is
 *       counted ({@link #noMidCount()}) and logged once per change.</li>
 * </ul>
 * Plain Java, one daemon thread; all state is confined to it (or to a direct {@link #pollDue()} caller).
 */
public final class InjectiveSource implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InjectiveSource.class.getName());

    public static final String SOURCE = "injective";
    /** The longest pause a Retry-After header can impose. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** Receives the order-book depth when {@link Settings#depth()} is on. */
    @FunctionalInterface
    public interface DepthListener {
        void onDepth(VenueBook book);
    }

    /**
     * @param lcdUrl       the LCD base URL (e.g. {@code https://sentry.lcd.injective.network}); a path prefix is kept
     * @param markets      markets to poll, names unique (they key prices and books)
     * @param pollInterval the delay between two polls of one market
     * @param timeout      per request
     * @param depth        also poll the order book
     * @param depthLevels  levels per side asked from the order book ({@code limit})
     * @param maxBackoff   the longest delay between polls of a failing market (at least the poll interval)
     */
    public record Settings(URI lcdUrl, List<InjectiveMarket> markets, Duration pollInterval, Duration timeout,
                           boolean depth, int depthLevels, Duration maxBackoff) {
        public Settings {
            if (lcdUrl == null) {
                throw new IllegalArgumentException("no LCD url");
            }
            if (markets == null || markets.isEmpty()) {
                throw new IllegalArgumentException("no Injective markets to poll");
            }
            markets = List.copyOf(markets);
            Set<String> names = new HashSet<>();
            for (InjectiveMarket m : markets) {
                if (!names.add(m.name())) {
                    throw new IllegalArgumentException("market name '" + m.name() + "' configured twice");
                }
            }
            if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
                throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
            }
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            if (depth && depthLevels <= 0) {
                throw new IllegalArgumentException("depth levels must be positive, got " + depthLevels);
            }
            if (maxBackoff == null || maxBackoff.compareTo(pollInterval) < 0) {
                maxBackoff = pollInterval;
            }
        }

        /** Defaults: depth off (20 levels when turned on), back-off up to 30 s. */
        public Settings(URI lcdUrl, List<InjectiveMarket> markets, Duration pollInterval, Duration timeout) {
            this(lcdUrl, markets, pollInterval, timeout, false, 20, Duration.ofSeconds(30));
        }
    }

    private static final class MarketState {
        final InjectiveMarket market;
        final URI midUri;
        final URI bookUri;
        final Backoff backoff;
        long nextDueNanos;
        boolean failing;
        Boolean hadMid;
        long bookSeq;

        MarketState(InjectiveMarket market, URI midUri, URI bookUri, Backoff backoff, long firstSeq) {
            this.market = market;
            this.midUri = midUri;
            this.bookUri = bookUri;
            this.backoff = backoff;
            this.bookSeq = firstSeq;
        }
    }

    /** What one request gave: a body, or why not (rate-limited says the whole source pauses). */
    private record Fetch(String body, String failure, boolean rateLimited) {
    }

    private final Settings settings;
    private final HttpClient http;
    private final SourceSink sink;
    private final DepthListener depthListener;
    private final Map<String, MarketState> states = new LinkedHashMap<>();
    private final Backoff rateLimitBackoff;
    private long pausedUntilNanos;
    private boolean paused;
    private final ScheduledExecutorService executor;

    private final AtomicLong prices = new AtomicLong();
    private final AtomicLong books = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong noMid = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();

    /** @param depthListener receives books when depth is on; may be null when it is off */
    public InjectiveSource(Settings settings, HttpClient http, SourceSink sink, DepthListener depthListener) {
        if (settings.depth() && depthListener == null) {
            throw new IllegalArgumentException("depth is on but no depth listener is given");
        }
        this.settings = settings;
        this.http = http;
        this.sink = sink;
        this.depthListener = depthListener;
        String base = settings.lcdUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        long firstSeq = System.currentTimeMillis() * 1000L;
        long now = System.nanoTime();
        for (InjectiveMarket m : settings.markets()) {
            MarketState s = new MarketState(m, URI.create(base + m.midPriceAndTobPath()),
                    URI.create(base + m.orderbookPath(Math.max(1, settings.depthLevels()))),
                    new Backoff(settings.pollInterval(), settings.maxBackoff()), firstSeq);
            s.nextDueNanos = now;
            states.put(m.name(), s);
        }
        this.rateLimitBackoff = new Backoff(settings.pollInterval(), settings.maxBackoff());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "injective-source");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        LOG.info("injective: polling " + settings.lcdUrl() + " mid_price_and_tob" + (settings.depth() ? " + orderbook" : "")
                + " for " + states.keySet() + " every " + settings.pollInterval().toMillis() + " ms");
        schedule(0);
    }

    private void schedule(long delayNanos) {
        try {
            executor.schedule(this::loop, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // closing
        }
    }

    private void loop() {
        long wait;
        try {
            wait = pollDue();
        } catch (RuntimeException e) {
            LOG.warning("injective: unexpected " + e);
            wait = settings.pollInterval().toNanos();
        }
        if (!Thread.currentThread().isInterrupted()) {
            schedule(wait);
        }
    }

    /**
     * Polls every market that is due (and none while a 429 pause lasts); returns the nanos until something is due
     * again. Callable directly (tests, a scheduler of the caller's own) instead of {@link #start()}.
     */
    public synchronized long pollDue() {
        long now = System.nanoTime();
        if (now - pausedUntilNanos < 0) {
            return pausedUntilNanos - now;
        }
        if (paused) {
            paused = false;
            LOG.info("injective: rate-limit pause over, polling again");
        }
        for (MarketState s : states.values()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (System.nanoTime() - s.nextDueNanos >= 0) {
                pollMarket(s);
                if (paused) {
                    break;
                }
            }
        }
        now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (MarketState s : states.values()) {
            next = Math.min(next, s.nextDueNanos - now);
        }
        if (paused) {
            next = Math.max(next, pausedUntilNanos - now);
        }
        return Math.max(0, next);
    }

    private void pollMarket(MarketState s) {
        InjectiveMarket m = s.market;
        Fetch mid = fetch(s.midUri);
        if (mid.body() == null) {
            failed(s, mid);
            return;
        }
        long receiveNanos = epochNanos();
        try {
            InjectiveLcdParser.TopOfBook tob = InjectiveLcdParser.parseMidPriceAndTob(mid.body(), m);
            if (tob.hasMid()) {
                sink.onPrice(new SourcePrice(SOURCE, m.name(), tob.mid(), null, receiveNanos / 1_000_000L,
                        receiveNanos));
                prices.incrementAndGet();
            } else {
                noMid.incrementAndGet();
            }
            if (!Boolean.valueOf(tob.hasMid()).equals(s.hadMid)) {
                if (!tob.hasMid()) {
                    LOG.info("injective " + m.name() + ": book has no mid (bid " + tob.bestBid() + ", ask "
                            + tob.bestAsk() + "); nothing published until both sides are back");
                } else if (s.hadMid != null) {
                    LOG.info("injective " + m.name() + ": mid is back");
                }
                s.hadMid = tob.hasMid();
            }
        } catch (MalformedUpdateException e) {
            malformed(m, "mid_price_and_tob", e);
        }
        if (settings.depth()) {
            Fetch book = fetch(s.bookUri);
            if (book.body() == null) {
                failed(s, book);
                return;
            }
            long bookNanos = epochNanos();
            try {
                InjectiveLcdParser.Depth depth = InjectiveLcdParser.parseOrderbook(book.body(), m);
                s.bookSeq++;
                depthListener.onDepth(new VenueBook(SOURCE, m.name(), s.bookSeq, bookNanos / 1_000_000L,
                        bookNanos, depth.bids(), depth.asks()));
                books.incrementAndGet();
            } catch (MalformedUpdateException e) {
                malformed(m, "orderbook", e);
            }
        }
        succeeded(s);
    }

    private Fetch fetch(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Fetch(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetch(null, "interrupted", false);
        }
        if (response.statusCode() == 429) {
            Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
            rateLimit(retryAfter);
            return new Fetch(null, "HTTP 429", true);
        }
        if (response.statusCode() != 200) {
            return new Fetch(null, "HTTP " + response.statusCode(), false);
        }
        return new Fetch(response.body(), null, false);
    }

    private void rateLimit(Duration retryAfter) {
        rateLimited.incrementAndGet();
        Duration backoff = rateLimitBackoff.nextDelay();
        Duration delay = retryAfter == null ? backoff
                : (retryAfter.compareTo(settings.pollInterval()) < 0 ? settings.pollInterval() : retryAfter);
        pausedUntilNanos = System.nanoTime() + delay.toNanos();
        paused = true;
        LOG.warning("injective: rate-limited (HTTP 429" + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + " s")
                + "); pausing all polls for " + delay.toMillis() + " ms");
        sink.onDisconnected(SOURCE, "HTTP 429 rate limited", delay);
    }

    private void failed(MarketState s, Fetch fetch) {
        if (fetch.rateLimited()) {
            return; // the whole source pauses; the market is due again right after the pause
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        errors.incrementAndGet();
        Duration delay = s.backoff.nextDelay();
        s.nextDueNanos = System.nanoTime() + delay.toNanos();
        if (!s.failing) {
            s.failing = true;
            LOG.warning("injective " + s.market.name() + ": poll failed (" + fetch.failure() + "); backing off up to "
                    + settings.maxBackoff().toMillis() + " ms, logging again on recovery");
        }
        sink.onDisconnected(SOURCE, s.market.name() + ": " + fetch.failure(), delay);
    }

    private void succeeded(MarketState s) {
        rateLimitBackoff.reset();
        s.backoff.reset();
        s.nextDueNanos = System.nanoTime() + settings.pollInterval().toNanos();
        if (s.failing) {
            s.failing = false;
            LOG.info("injective " + s.market.name() + ": polling recovered");
            sink.onConnected(SOURCE);
        }
    }

    private void malformed(InjectiveMarket m, String what, MalformedUpdateException e) {
        malformed.incrementAndGet();
        sink.onMalformed(SOURCE, m.name() + " " + what + ": " + e.getMessage());
    }

    /** Retry-After as delta-seconds or an HTTP date; null when missing or unreadable; capped at {@link #MAX_RETRY_AFTER}. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        Duration d;
        try {
            d = Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                d = Duration.between(now, at);
                if (d.isNegative()) {
                    d = Duration.ZERO;
                }
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public Settings settings() {
        return settings;
    }

    /** Prices reported to the sink. */
    public long priceCount() {
        return prices.get();
    }

    /** Books handed to the depth listener. */
    public long bookCount() {
        return books.get();
    }

    /** Malformed answers skipped. */
    public long malformedCount() {
        return malformed.get();
    }

    /** Valid answers without a mid (empty or one-sided book), skipped. */
    public long noMidCount() {
        return noMid.get();
    }

    /** Failed polls (transport, timeout, non-200 other than 429). */
    public long errorCount() {
        return errors.get();
    }

    /** HTTP 429 answers. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
