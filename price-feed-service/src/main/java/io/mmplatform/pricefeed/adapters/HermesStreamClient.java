package io.mmplatform.pricefeed.adapters;

import io.mmplatform.pricefeed.domain.Backoff;
import io.mmplatform.pricefeed.domain.HermesParser;
import io.mmplatform.pricefeed.domain.HermesPrice;
import io.mmplatform.pricefeed.domain.MalformedUpdateException;
import io.mmplatform.pricefeed.domain.SseEventReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A Pyth Hermes v2 streaming client in plain Java: {@code GET {base}/v2/updates/price/stream?ids[]=..&parsed=true}
 * (server-sent events), one JSON price update per event.
 * <ul>
 *   <li>Reconnects with exponential back-off when the stream fails, answers non-200 or stays silent longer than the
 *   idle timeout.</li>
 *   <li>Hermes closes every stream after 24 h: a clean end of a stream that delivered prices is a normal reconnect,
 *   logged at INFO and done at once (at most once per {@link Settings#immediateReconnectMinInterval()}, else with
 *   back-off, so a server that keeps closing cannot make it spin).</li>
 *   <li>On every (re)connect, once the stream answered 200 and before its events are read, it reads
 *   {@code GET {base}/v2/updates/price/latest?ids[]=..&parsed=true}; those prices are delivered like stream prices,
 *   so a disconnection leaves no gap. Per feed, a price whose publish time is not newer than the last one delivered
 *   is dropped (never an older price, never the same one twice).</li>
 *   <li>HTTP 429 (stream or latest): waits {@code Retry-After} seconds when given, else the back-off, at least
 *   {@link Settings#minRateLimitWait()} (1 s); counted. A 429 on latest keeps the stream and retries latest after
 *   the wait.</li>
 *   <li>A malformed event, a malformed entry of an event or an entry of a feed that was not subscribed is counted
 *   and skipped; the stream goes on.</li>
 *   <li>An API key, if given, is sent as {@code Authorization: Bearer <key>} and never logged nor put in a
 *   message.</li>
 * </ul>
 * Listener calls come from the client's reader thread, one at a time. The counters and ages are safe to read from
 * any thread.
 */
public final class HermesStreamClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HermesStreamClient.class.getName());
    static final String CLEAN_CLOSE = "stream closed by the server";
    /** After this many consecutive failures, only every {@code QUIET_EVERY}-th is logged at WARNING. */
    private static final int LOUD_FAILURES = 5;
    private static final int QUIET_EVERY = 20;

    /** What the client reports. Called on the client's reader thread, never concurrently. */
    public interface Listener {
        void onPrice(String instrument, HermesPrice price, long receiveTimeNanos);

        default void onMalformed(String reason) {
        }

        default void onConnected() {
        }

        default void onDisconnected(String reason, Duration retryIn) {
        }
    }

    /**
     * @param instrumentByFeedId            feed id (64 hex, with or without 0x) to instrument name, in request order
     * @param idleTimeout                   reconnect if no line at all arrives for this long
     * @param requestTimeout                how long to wait for response headers (stream) or a whole response (latest)
     * @param minRateLimitWait              the least wait after a 429 (at least 1 s)
     * @param maxRateLimitWait              the most a {@code Retry-After} is honoured for
     * @param readLatest                    whether to read {@code /v2/updates/price/latest} on every (re)connect
     * @param immediateReconnectMinInterval a clean end of stream reconnects at once if the last immediate reconnect
     *                                      is at least this old (Hermes cuts every 24 h), else with back-off
     * @param maxEventChars                 a stream event (or line) longer than this is skipped as malformed
     */
    public record Settings(URI baseUrl, Map<String, String> instrumentByFeedId, Optional<String> apiKey,
                           Duration initialBackoff, Duration maxBackoff, Duration idleTimeout,
                           Duration requestTimeout, Duration minRateLimitWait, Duration maxRateLimitWait,
                           boolean readLatest, Duration immediateReconnectMinInterval, int maxEventChars) {
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_MIN_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
        public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(120);
        public static final Duration DEFAULT_IMMEDIATE_RECONNECT_MIN_INTERVAL = Duration.ofSeconds(60);
        /** Far above a Hermes event (a few KB per feed), far below trouble. */
        public static final int DEFAULT_MAX_EVENT_CHARS = 4 * 1024 * 1024;

        public Settings {
            if (baseUrl == null || instrumentByFeedId == null || apiKey == null) {
                throw new IllegalArgumentException("baseUrl, feeds and apiKey (Optional) are required");
            }
            if (instrumentByFeedId.isEmpty()) {
                throw new IllegalArgumentException("no feed ids to subscribe to");
            }
            Map<String, String> normalized = new LinkedHashMap<>();
            instrumentByFeedId.forEach((id, instrument) -> normalized.put(HermesParser.normalizeId(id), instrument));
            instrumentByFeedId = Collections.unmodifiableMap(normalized);
            apiKey = apiKey.filter(k -> !k.isBlank());
            positive(idleTimeout, "idleTimeout");
            positive(requestTimeout, "requestTimeout");
            positive(maxRateLimitWait, "maxRateLimitWait");
            if (immediateReconnectMinInterval == null || immediateReconnectMinInterval.isNegative()) {
                throw new IllegalArgumentException("immediateReconnectMinInterval must be >= 0");
            }
            if (minRateLimitWait == null || minRateLimitWait.compareTo(Duration.ofSeconds(1)) < 0
                    || maxRateLimitWait.compareTo(minRateLimitWait) < 0) {
                throw new IllegalArgumentException("rate-limit wait needs 1s <= min <= max, got " + minRateLimitWait
                        + " / " + maxRateLimitWait);
            }
            if (maxEventChars < 1024) {
                throw new IllegalArgumentException("maxEventChars must be >= 1024, got " + maxEventChars);
            }
            new Backoff(initialBackoff, maxBackoff); // validates
        }

        /** The original settings; everything else at its default. */
        public Settings(URI baseUrl, Map<String, String> instrumentByFeedId, Optional<String> apiKey,
                        Duration initialBackoff, Duration maxBackoff, Duration idleTimeout) {
            this(baseUrl, instrumentByFeedId, apiKey, initialBackoff, maxBackoff, idleTimeout,
                    DEFAULT_REQUEST_TIMEOUT.compareTo(idleTimeout) < 0 ? DEFAULT_REQUEST_TIMEOUT : idleTimeout,
                    DEFAULT_MIN_RATE_LIMIT_WAIT, DEFAULT_MAX_RATE_LIMIT_WAIT, true,
                    DEFAULT_IMMEDIATE_RECONNECT_MIN_INTERVAL, DEFAULT_MAX_EVENT_CHARS);
        }

        private static void positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be > 0, got " + d);
            }
        }

        @Override
        public String toString() { // never the key
            return "Settings[baseUrl=" + baseUrl + ", feeds=" + instrumentByFeedId + ", apiKey="
                    + (apiKey.isPresent() ? "set" : "none") + ", backoff=" + initialBackoff + ".." + maxBackoff
                    + ", idleTimeout=" + idleTimeout + ", requestTimeout=" + requestTimeout + ", rateLimitWait="
                    + minRateLimitWait + ".." + maxRateLimitWait + ", readLatest=" + readLatest
                    + ", immediateReconnectMinInterval=" + immediateReconnectMinInterval + ", maxEventChars=" + maxEventChars + "]";
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final Listener listener;
    private final Backoff backoff;
    private final ScheduledExecutorService watchdog;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile InputStream current;
    private volatile long lastLineNanos;
    private volatile boolean inLatestRead;
    private volatile Thread thread;
    private long lastImmediateReconnectNanos;
    private boolean everImmediate;
    private int consecutiveFailures;

    // delivery state (reader thread) and counters (read from anywhere)
    private final Map<String, Long> lastPublishMsByFeed = new ConcurrentHashMap<>();
    /** The slot of that last price: updates within one publish second are told apart by it. */
    private final Map<String, Long> lastSlotByFeed = new ConcurrentHashMap<>();
    private final Map<String, Long> lastReceiveNanosByInstrument = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> updatesByInstrument = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong latestUpdates = new AtomicLong();
    private final AtomicLong staleDropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unknownFeeds = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong cleanCloses = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong latestReads = new AtomicLong();
    private final AtomicLong latestFailures = new AtomicLong();

    public HermesStreamClient(Settings settings, HttpClient http, Listener listener) {
        this.settings = settings;
        this.http = http;
        this.listener = listener;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hermes-watchdog"));
    }

    public Settings settings() {
        return settings;
    }

    /** The stream URL (feed ids in config order). */
    public URI streamUri() {
        return uri("/v2/updates/price/stream");
    }

    /** The latest-prices URL (feed ids in config order). */
    public URI latestUri() {
        return uri("/v2/updates/price/latest");
    }

    private URI uri(String path) {
        String base = settings.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String ids = settings.instrumentByFeedId().keySet().stream()
                .map(id -> "ids%5B%5D=" + id).collect(Collectors.joining("&"));
        return URI.create(base + path + "?" + ids + "&parsed=true");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = daemon(this::run, "hermes-stream");
        thread.start();
        long idleMs = settings.idleTimeout().toMillis();
        watchdog.scheduleWithFixedDelay(() -> {
            InputStream in = current;
            if (in != null && !inLatestRead && System.nanoTime() - lastLineNanos > settings.idleTimeout().toNanos()) {
                LOG.warning("Hermes stream silent for more than " + settings.idleTimeout() + ": reconnecting");
                closeQuietly(in);
                Thread reader = thread;
                if (reader != null && current == in) {
                    reader.interrupt(); // a blocked read may only wake up on an interrupt
                }
            }
        }, idleMs, Math.max(100, idleMs / 4), TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return connected;
    }

    // ---- counters and ages, for metrics ----

    /** Prices delivered (stream and latest), all instruments. */
    public long updatesCount() {
        return updates.get();
    }

    /** Prices delivered per instrument. */
    public Map<String, Long> updatesByInstrument() {
        Map<String, Long> out = new LinkedHashMap<>();
        updatesByInstrument.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Of {@link #updatesCount()}, those that came from a {@code latest} read. */
    public long latestUpdatesCount() {
        return latestUpdates.get();
    }

    /** When the last price of each instrument was delivered (epoch nanos); absent before the first one. */
    public Map<String, Long> lastReceiveTimeNanos() {
        return Map.copyOf(lastReceiveNanosByInstrument);
    }

    /** When the last price of an instrument was delivered (epoch nanos), if any. */
    public Optional<Long> lastReceiveTimeNanos(String instrument) {
        return Optional.ofNullable(lastReceiveNanosByInstrument.get(instrument));
    }

    /** The publish time (epoch ms) of the last price delivered per instrument. */
    public Map<String, Long> lastPublishTimeMs() {
        Map<String, Long> out = new LinkedHashMap<>();
        settings.instrumentByFeedId().forEach((feed, instrument) -> {
            Long t = lastPublishMsByFeed.get(feed);
            if (t != null) {
                out.put(instrument, t);
            }
        });
        return out;
    }

    /** Prices dropped because they were not newer than the last one delivered for their feed. */
    public long staleDroppedCount() {
        return staleDropped.get();
    }

    /** Malformed events or entries, unknown feed ids included. */
    public long malformedCount() {
        return malformed.get();
    }

    /** Of {@link #malformedCount()}, entries of a feed id that was not subscribed. */
    public long unknownFeedCount() {
        return unknownFeeds.get();
    }

    /** Times the stream ended and the client went on to reconnect (any reason, 24 h cuts included). */
    public long reconnectCount() {
        return reconnects.get();
    }

    /** Of {@link #reconnectCount()}, clean ends of stream (the 24 h cut). */
    public long cleanCloseCount() {
        return cleanCloses.get();
    }

    /** HTTP 429 answers, stream and latest. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** {@code latest} requests sent. */
    public long latestReadCount() {
        return latestReads.get();
    }

    /** {@code latest} reads that failed (429 included). */
    public long latestFailureCount() {
        return latestFailures.get();
    }

    // ---- the reader thread ----

    /** How one connection attempt ended. */
    private record Outcome(String reason, Kind kind, Duration rateLimitWait) {
        enum Kind { CLEAN, FAILED, RATE_LIMITED, CLOSED }
    }

    private void run() {
        URI uri = streamUri();
        LOG.info("Hermes stream: " + uri + " (" + settings.instrumentByFeedId().size() + " feeds, API key "
                + (settings.apiKey().isPresent() ? "set" : "none") + ", latest on connect " + settings.readLatest() + ")");
        while (running) {
            Outcome outcome;
            try {
                outcome = readOnce(uri);
            } catch (IOException e) {
                outcome = new Outcome(redact(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
                        Outcome.Kind.FAILED, null);
            } catch (InterruptedException e) {
                outcome = new Outcome("interrupted", Outcome.Kind.FAILED, null);
            } catch (RuntimeException e) {
                outcome = new Outcome(redact("unexpected " + e), Outcome.Kind.FAILED, null);
            } finally {
                connected = false;
                current = null;
            }
            if (!running || outcome.kind() == Outcome.Kind.CLOSED) {
                break;
            }
            Thread.interrupted(); // an idle-timeout interrupt is handled: do not cut the wait short
            Duration delay = delayAfter(outcome);
            reconnects.incrementAndGet();
            listener.onDisconnected(outcome.reason(), delay);
            log(outcome, delay);
            if (delay.isZero()) {
                continue;
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
    }

    private Duration delayAfter(Outcome outcome) {
        switch (outcome.kind()) {
            case CLEAN -> {
                cleanCloses.incrementAndGet();
                long now = System.nanoTime();
                if (!everImmediate || now - lastImmediateReconnectNanos >= settings.immediateReconnectMinInterval().toNanos()) {
                    everImmediate = true;
                    lastImmediateReconnectNanos = now;
                    consecutiveFailures = 0;
                    return Duration.ZERO;
                }
                consecutiveFailures++;
                return backoff.nextDelay();
            }
            case RATE_LIMITED -> {
                consecutiveFailures++;
                return outcome.rateLimitWait();
            }
            default -> {
                consecutiveFailures++;
                return backoff.nextDelay();
            }
        }
    }

    private void log(Outcome outcome, Duration delay) {
        if (outcome.kind() == Outcome.Kind.CLEAN && delay.isZero()) {
            LOG.info("Hermes closed the stream cleanly (its periodic cut, e.g. 24 h): reconnecting now");
            return;
        }
        boolean loud = consecutiveFailures <= LOUD_FAILURES || consecutiveFailures % QUIET_EVERY == 0;
        LOG.log(loud ? Level.WARNING : Level.FINE, "Hermes stream ended ({0}); reconnecting in {1} ms ({2} failures in a row)",
                new Object[]{outcome.reason(), delay.toMillis(), consecutiveFailures});
    }

    private HttpRequest.Builder request(URI uri, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Accept", accept)
                .timeout(settings.requestTimeout());
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request;
    }

    /** Reads one connection until it ends; returns why it ended. */
    private Outcome readOnce(URI uri) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(uri, "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        if (response.statusCode() == 429) {
            closeQuietly(body);
            Duration wait = rateLimitWait(response);
            rateLimited.incrementAndGet();
            return new Outcome("HTTP 429", Outcome.Kind.RATE_LIMITED, wait);
        }
        if (response.statusCode() != 200) {
            closeQuietly(body);
            return new Outcome("HTTP " + response.statusCode(), Outcome.Kind.FAILED, null);
        }
        current = body;
        lastLineNanos = System.nanoTime();
        connected = true;
        listener.onConnected();
        LOG.info("Hermes stream connected");
        boolean delivered = false;
        long latestRetryAt = 0; // System.nanoTime() of a latest retry after a 429, 0 for none
        if (settings.readLatest()) {
            LatestResult latest = readLatest();
            delivered = latest.delivered();
            latestRetryAt = latest.retryAtNanos();
        }
        if (delivered) {
            backoff.reset();
            consecutiveFailures = 0;
        }
        SseEventReader events = new SseEventReader();
        boolean pending = false;
        boolean skipping = false; // the rest of an event that is too big
        long eventChars = 0;
        try (InputStreamReader in = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            HermesLineReader reader = new HermesLineReader(in, settings.maxEventChars());
            String line;
            while (running && (line = reader.readLine()) != null) {
                lastLineNanos = System.nanoTime();
                if (skipping) {
                    skipping = !line.isEmpty();
                    pending = skipping;
                    continue;
                }
                eventChars = line.isEmpty() ? 0 : eventChars + line.length() + 1;
                if (line == HermesLineReader.TOO_LONG || eventChars > settings.maxEventChars()) {
                    malformed("event over " + settings.maxEventChars() + " chars: skipped");
                    events = new SseEventReader();
                    eventChars = 0;
                    skipping = true;
                    pending = true;
                    continue;
                }
                Optional<String> event = events.accept(line);
                if (line.isEmpty()) {
                    pending = false; // the event (if any) is complete
                } else if (line.startsWith("data")) {
                    pending = true;
                }
                if (event.isPresent() && handle(event.get(), false)) {
                    delivered = true;
                    backoff.reset();
                    consecutiveFailures = 0;
                }
                if (latestRetryAt != 0 && System.nanoTime() - latestRetryAt >= 0) {
                    LatestResult latest = readLatest();
                    latestRetryAt = latest.retryAtNanos();
                }
            }
        }
        if (!running) {
            return new Outcome("client closed", Outcome.Kind.CLOSED, null);
        }
        if (pending) {
            // SSE: an event cut by the end of the stream is not dispatched; the connection was cut, not ended
            return new Outcome("stream cut in the middle of an event", Outcome.Kind.FAILED, null);
        }
        return new Outcome(CLEAN_CLOSE, delivered ? Outcome.Kind.CLEAN : Outcome.Kind.FAILED, null);
    }

    private record LatestResult(boolean delivered, long retryAtNanos) {
    }

    /** GET latest; delivers its prices. Never throws: the stream is up and goes on whatever latest answers. */
    private LatestResult readLatest() {
        latestReads.incrementAndGet();
        inLatestRead = true;
        try {
            HttpResponse<String> response = http.send(request(latestUri(), "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 429) {
                latestFailures.incrementAndGet();
                rateLimited.incrementAndGet();
                Duration wait = rateLimitWait(response);
                LOG.warning("Hermes latest answered HTTP 429; the stream goes on, latest again in " + wait.toMillis() + " ms");
                return new LatestResult(false, System.nanoTime() + wait.toNanos());
            }
            if (response.statusCode() != 200) {
                latestFailures.incrementAndGet();
                LOG.warning("Hermes latest answered HTTP " + response.statusCode() + "; the stream goes on");
                return new LatestResult(false, 0);
            }
            return new LatestResult(handle(response.body(), true), 0);
        } catch (IOException | RuntimeException e) {
            latestFailures.incrementAndGet();
            LOG.warning(redact("Hermes latest failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the stream goes on"));
            return new LatestResult(false, 0);
        } catch (InterruptedException e) {
            latestFailures.incrementAndGet();
            if (running) {
                Thread.interrupted();
            } else {
                Thread.currentThread().interrupt();
            }
            return new LatestResult(false, 0);
        } finally {
            lastLineNanos = System.nanoTime();
            inLatestRead = false;
        }
    }

    /** The wait after a 429: Retry-After when present (capped), else the back-off; at least the minimum. */
    private Duration rateLimitWait(HttpResponse<?> response) {
        Optional<Duration> retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
        Duration wait = retryAfter.orElseGet(backoff::nextDelay);
        if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
            wait = settings.maxRateLimitWait();
        }
        if (wait.compareTo(settings.minRateLimitWait()) < 0) {
            wait = settings.minRateLimitWait();
        }
        return wait;
    }

    /** Parses {@code Retry-After}: delta-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Delivers the good, new prices of one update; returns whether the update carried at least one good price. */
    private boolean handle(String data, boolean fromLatest) {
        long receiveNanos = epochNanos();
        HermesParser.Batch batch;
        try {
            batch = HermesParser.parseEach(data);
        } catch (MalformedUpdateException e) {
            malformed(e.getMessage());
            return false;
        }
        for (String reason : batch.rejected()) {
            malformed(reason);
        }
        boolean any = false;
        for (HermesPrice price : batch.prices()) {
            String instrument = settings.instrumentByFeedId().get(price.feedId());
            if (instrument == null) {
                unknownFeeds.incrementAndGet();
                malformed("unknown feed id " + price.feedId() + " (not subscribed)");
                continue;
            }
            any = true;
            Long last = lastPublishMsByFeed.get(price.feedId());
            if (last != null && !price.newerThan(last, lastSlotByFeed.getOrDefault(price.feedId(), 0L))) {
                staleDropped.incrementAndGet(); // older than, or the same as, what was delivered: not news
                continue;
            }
            lastPublishMsByFeed.put(price.feedId(), price.publishTimeMs());
            lastSlotByFeed.put(price.feedId(), price.slot());
            updates.incrementAndGet();
            if (fromLatest) {
                latestUpdates.incrementAndGet();
            }
            updatesByInstrument.computeIfAbsent(instrument, k -> new AtomicLong()).incrementAndGet();
            lastReceiveNanosByInstrument.put(instrument, receiveNanos);
            listener.onPrice(instrument, price, receiveNanos);
        }
        return any;
    }

    private void malformed(String reason) {
        malformed.incrementAndGet();
        listener.onMalformed(redact(reason));
    }

    /** Never let the key into a message, whatever a server or a library echoes. */
    String redact(String message) {
        if (message == null) {
            return null;
        }
        Optional<String> key = settings.apiKey();
        return key.isPresent() ? message.replace(key.get(), "***") : message;
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void close() {
        running = false;
        watchdog.shutdownNow();
        InputStream in = current;
        if (in != null) {
            closeQuietly(in);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing to unblock a reader: nothing to do
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
