package io.mmplatform.pricefeed.adapters;

import io.mmplatform.pricefeed.domain.Backoff;
import io.mmplatform.pricefeed.domain.HyperliquidMessages;
import io.mmplatform.pricefeed.domain.L2BookParser;
import io.mmplatform.pricefeed.domain.MalformedUpdateException;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hyperliquid mainnet market data over its WebSocket ({@code wss://api.hyperliquid.xyz/ws}), in plain Java
 * ({@link java.net.http.WebSocket}): subscribes to {@code allMids} and to {@code l2Book} of every configured coin,
 * and reports each mid as a {@link SourcePrice} of source {@value #SOURCE} (allMids: the venue's mid, receive
 * time; l2Book: the mid of best bid and ask, the book's time). Full books go to an optional {@link BookListener}.
 *
 * <p>Liveness: {@code {"method":"ping"}} every ping interval (the venue answers {@code {"channel":"pong"}} and
 * drops connections that stay quiet for a minute); a connection on which nothing at all (data or pong) arrives
 * for the idle timeout is dropped. Every lost or failed connection is retried with exponential back-off, and
 * the subscriptions are sent again on the new one.
 *
 * <p>Fallback: while the stream does not deliver (down, reconnecting, or not yet any data on the current
 * connection), {@code POST {rest}/info {"type":"allMids"}} is polled at the fallback interval and those mids are
 * reported; polling pauses as soon as the stream delivers again. A malformed message or answer is reported to
 * {@link SourceSink#onMalformed} and skipped. The sink is called from the WebSocket's and the poller's threads.
 */
public final class HyperliquidStreamSource implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HyperliquidStreamSource.class.getName());

    public static final String SOURCE = "hyperliquid";
    public static final URI MAINNET_WS = URI.create("wss://api.hyperliquid.xyz/ws");
    public static final URI MAINNET_REST = URI.create("https://api.hyperliquid.xyz");
    /** A text message larger than this (assembled from frames) is dropped as malformed. */
    static final int MAX_MESSAGE_CHARS = 8 * 1024 * 1024;

    /** Receives every l2Book snapshot of a configured coin (e.g. to publish it as depth). */
    public interface BookListener {
        void onBook(String instrument, L2BookParser.L2Book book, long receiveTimeNanos);
    }

    /**
     * @param coins                the venue's coin names to subscribe to (l2Book) and to report from allMids
     * @param instrumentByCoin     coin to the platform's instrument name; a coin not listed keeps its own name
     * @param idleTimeout          a connection on which nothing arrives for this long is dropped; must exceed the
     *                             ping interval so that pongs keep a quiet but healthy connection
     * @param pingInterval         how often {@code {"method":"ping"}} is sent (the venue drops a connection after
     *                             60 s without traffic)
     * @param fallbackPollInterval REST allMids poll interval while the stream is down; zero disables the fallback
     */
    public record Settings(URI wsUrl, URI restUrl, List<String> coins, Map<String, String> instrumentByCoin,
                           Duration idleTimeout, Duration pingInterval, Duration initialBackoff, Duration maxBackoff,
                           Duration fallbackPollInterval) {
        public Settings {
            if (coins == null || coins.isEmpty()) {
                throw new IllegalArgumentException("no Hyperliquid coins configured");
            }
            coins = List.copyOf(new LinkedHashSet<>(coins));
            instrumentByCoin = Collections.unmodifiableMap(new LinkedHashMap<>(
                    instrumentByCoin == null ? Map.of() : instrumentByCoin));
            positive(idleTimeout, "idle timeout");
            positive(pingInterval, "ping interval");
            if (pingInterval.compareTo(idleTimeout) >= 0) {
                throw new IllegalArgumentException("ping interval " + pingInterval + " must be shorter than the idle timeout "
                        + idleTimeout + ", or pongs cannot keep a quiet connection alive");
            }
            new Backoff(initialBackoff, maxBackoff); // validates
            if (fallbackPollInterval.isNegative()) {
                throw new IllegalArgumentException("fallback poll interval must not be negative, got " + fallbackPollInterval);
            }
            if (wsUrl == null || restUrl == null) {
                throw new IllegalArgumentException("Hyperliquid WebSocket and REST URLs are required");
            }
        }

        /** Mainnet with the defaults: ping every 30 s, idle timeout 45 s, back-off 0.5..30 s, fallback every 2 s. */
        public static Settings mainnet(List<String> coins, Map<String, String> instrumentByCoin) {
            return new Settings(MAINNET_WS, MAINNET_REST, coins, instrumentByCoin, Duration.ofSeconds(45),
                    Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(2));
        }

        public String instrument(String coin) {
            return instrumentByCoin.getOrDefault(coin, coin);
        }

        private static void positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final SourceSink sink;
    private final BookListener bookListener;
    private final Set<String> coins;
    private final URI infoUri;
    private final Object lock = new Object();
    private final Backoff backoff; // guarded by lock
    private Connection current; // guarded by lock
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService poller;
    private volatile boolean running;
    private volatile boolean streaming;
    private boolean pollFailing; // poller thread only
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong venueErrors = new AtomicLong();
    private final AtomicLong fallbackPolls = new AtomicLong();

    public HyperliquidStreamSource(Settings settings, HttpClient http, SourceSink sink) {
        this(settings, http, sink, null);
    }

    /** @param bookListener may be null */
    public HyperliquidStreamSource(Settings settings, HttpClient http, SourceSink sink, BookListener bookListener) {
        this.settings = settings;
        this.http = http;
        this.sink = sink;
        this.bookListener = bookListener;
        this.coins = Set.copyOf(settings.coins());
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        String rest = settings.restUrl().toString();
        this.infoUri = URI.create((rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest) + "/info");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hyperliquid-ws"));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hyperliquid-rest-fallback"));
    }

    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
        }
        LOG.info("Hyperliquid stream: " + settings.wsUrl() + " allMids + l2Book " + settings.coins()
                + " as " + settings.coins().stream().map(settings::instrument).toList() + "; REST fallback "
                + (settings.fallbackPollInterval().isZero() ? "off" : infoUri + " every " + settings.fallbackPollInterval().toMillis() + " ms"));
        scheduler.execute(this::connect);
        long pingMs = settings.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::ping, pingMs, pingMs, TimeUnit.MILLISECONDS);
        long idleMs = settings.idleTimeout().toMillis();
        long watchMs = Math.max(20, idleMs / 4);
        scheduler.scheduleWithFixedDelay(this::watchdog, watchMs, watchMs, TimeUnit.MILLISECONDS);
        if (!settings.fallbackPollInterval().isZero()) {
            poller.scheduleWithFixedDelay(this::pollFallback, 0, settings.fallbackPollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the current connection delivers market data (the REST fallback is idle meanwhile). */
    public boolean isStreaming() {
        return streaming;
    }

    /** Whether a WebSocket connection is open (it may not have delivered data yet). */
    public boolean isConnected() {
        synchronized (lock) {
            return current != null && current.open;
        }
    }

    /** WebSocket connections opened so far. */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    public long malformedCount() {
        return malformed.get();
    }

    /** {@code {"channel":"error"}} messages of the venue (e.g. a rejected subscription). */
    public long venueErrorCount() {
        return venueErrors.get();
    }

    /** REST allMids polls made while the stream was down. */
    public long fallbackPollCount() {
        return fallbackPolls.get();
    }

    // ---- WebSocket

    private void connect() {
        Connection conn;
        synchronized (lock) {
            if (!running || current != null) {
                return;
            }
            conn = new Connection();
            current = conn;
        }
        Duration connectTimeout = settings.idleTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? settings.idleTimeout() : Duration.ofSeconds(10);
        try {
            http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(settings.wsUrl(), conn)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            lost(conn, "connect failed: " + describe(error));
                        } else if (!isCurrent(conn)) {
                            ws.abort(); // given up on (idle timeout or close) while connecting
                        }
                    });
        } catch (RuntimeException e) {
            lost(conn, "connect failed: " + describe(e));
        }
    }

    private boolean isCurrent(Connection conn) {
        synchronized (lock) {
            return current == conn;
        }
    }

    /** The connection is open: subscribe (again). */
    private void opened(Connection conn) {
        if (!isCurrent(conn)) {
            conn.abort();
            return;
        }
        connectionsOpened.incrementAndGet();
        LOG.info("Hyperliquid stream connected; subscribing to allMids and l2Book " + settings.coins());
        conn.send(HyperliquidMessages.subscribeAllMids());
        for (String coin : settings.coins()) {
            conn.send(HyperliquidMessages.subscribeL2Book(coin));
        }
        safely(() -> sink.onConnected(SOURCE));
    }

    /** The connection ended (closed, failed, silent, or never opened): retry after the back-off. */
    private void lost(Connection conn, String reason) {
        Duration delay;
        synchronized (lock) {
            if (current != conn) {
                return; // already handled
            }
            current = null;
            streaming = false;
            if (!running) {
                conn.abort();
                return;
            }
            delay = backoff.nextDelay();
            scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        conn.abort();
        LOG.log(Level.WARNING, "Hyperliquid stream lost ({0}); reconnecting in {1} ms{2}", new Object[]{reason,
                delay.toMillis(), settings.fallbackPollInterval().isZero() ? "" : ", polling REST allMids meanwhile"});
        safely(() -> sink.onDisconnected(SOURCE, reason, delay));
    }

    private void ping() {
        Connection conn;
        synchronized (lock) {
            conn = current;
        }
        if (conn != null && conn.open) {
            conn.send(HyperliquidMessages.PING);
        }
    }

    private void watchdog() {
        Connection conn;
        synchronized (lock) {
            conn = current;
        }
        if (conn != null && System.nanoTime() - conn.lastMessageNanos > settings.idleTimeout().toNanos()) {
            lost(conn, (conn.open ? "silent" : "not connected") + " for more than " + settings.idleTimeout().toMillis() + " ms");
        }
    }

    private void onMessage(Connection conn, String text) {
        if (!running) {
            return; // closed: nothing more reaches the sink
        }
        long receiveNanos = epochNanos();
        HyperliquidMessages.Message message;
        try {
            message = HyperliquidMessages.parse(text, coins);
        } catch (MalformedUpdateException e) {
            malformed(e.getMessage());
            return;
        }
        if (message instanceof HyperliquidMessages.Mids mids) {
            delivered(conn);
            long receiveMs = receiveNanos / 1_000_000L;
            mids.mids().forEach((coin, mid) -> report(coin, mid, receiveMs, receiveNanos));
        } else if (message instanceof HyperliquidMessages.Book book) {
            onBook(conn, book.book(), receiveNanos);
        } else if (message instanceof HyperliquidMessages.VenueError error) {
            venueErrors.incrementAndGet();
            LOG.warning("Hyperliquid stream error from the venue: " + error.message());
        } else if (message instanceof HyperliquidMessages.SubscriptionResponse response) {
            LOG.fine(() -> "Hyperliquid " + response.method() + " acknowledged: " + response.subscription());
        }
        // pong and other channels: liveness only (counted on arrival)
    }

    private void onBook(Connection conn, L2BookParser.L2Book book, long receiveNanos) {
        if (!coins.contains(book.coin())) {
            return;
        }
        Optional<BigDecimal> mid;
        try {
            mid = HyperliquidMessages.mid(book);
        } catch (MalformedUpdateException e) {
            malformed(e.getMessage());
            return;
        }
        delivered(conn);
        String instrument = settings.instrument(book.coin());
        if (bookListener != null) {
            safely(() -> bookListener.onBook(instrument, book, receiveNanos));
        }
        long timeMs = book.timeMs() > 0 ? book.timeMs() : receiveNanos / 1_000_000L;
        mid.ifPresent(m -> report(book.coin(), m, timeMs, receiveNanos));
    }

    /** The connection delivers market data: the fallback pauses and the back-off starts over. */
    private void delivered(Connection conn) {
        if (conn.delivered) {
            return;
        }
        synchronized (lock) {
            if (current != conn) {
                return;
            }
            conn.delivered = true;
            streaming = true;
            backoff.reset();
        }
        LOG.info("Hyperliquid stream delivering" + (settings.fallbackPollInterval().isZero() ? "" : "; REST fallback paused"));
    }

    private void report(String coin, BigDecimal mid, long sourceTimeMs, long receiveNanos) {
        SourcePrice price = new SourcePrice(SOURCE, settings.instrument(coin), mid, null, sourceTimeMs, receiveNanos);
        safely(() -> sink.onPrice(price));
    }

    private void malformed(String reason) {
        malformed.incrementAndGet();
        safely(() -> sink.onMalformed(SOURCE, reason));
    }

    // ---- REST fallback

    private void pollFallback() {
        if (streaming || !running) {
            return;
        }
        fallbackPolls.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(infoUri).timeout(restTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HyperliquidMessages.ALL_MIDS_REQUEST)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            pollFailed(describe(e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long receiveNanos = epochNanos();
        if (response.statusCode() != 200) {
            pollFailed("HTTP " + response.statusCode());
            return;
        }
        Map<String, BigDecimal> mids;
        try {
            mids = HyperliquidMessages.parseInfoAllMids(response.body(), coins);
        } catch (MalformedUpdateException e) {
            malformed(e.getMessage());
            return;
        }
        if (pollFailing) {
            pollFailing = false;
            LOG.info("Hyperliquid REST fallback: polls succeed again");
        }
        if (streaming || !running) {
            return; // the stream came back while this poll was under way: its prices are newer
        }
        long receiveMs = receiveNanos / 1_000_000L;
        mids.forEach((coin, mid) -> report(coin, mid, receiveMs, receiveNanos));
    }

    private Duration restTimeout() {
        Duration interval = settings.fallbackPollInterval();
        return interval.compareTo(Duration.ofSeconds(5)) < 0 && interval.compareTo(Duration.ofMillis(500)) > 0
                ? interval : Duration.ofSeconds(5);
    }

    private void pollFailed(String reason) {
        if (!pollFailing) {
            pollFailing = true;
            LOG.warning("Hyperliquid REST fallback: poll of " + infoUri + " failed (" + reason
                    + "); retrying every " + settings.fallbackPollInterval().toMillis() + " ms, logging again on recovery");
        }
    }

    // ---- lifecycle

    @Override
    public void close() {
        Connection conn;
        synchronized (lock) {
            running = false;
            streaming = false;
            conn = current;
            current = null;
        }
        scheduler.shutdownNow();
        poller.shutdownNow();
        if (conn != null) {
            conn.close();
        }
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
            poller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One WebSocket connection: assembles text frames into messages and serializes its sends. */
    private final class Connection implements WebSocket.Listener {
        volatile WebSocket ws;
        volatile boolean open;
        volatile boolean delivered;
        /** Connection attempt start, then the arrival of the last message of any kind. */
        volatile long lastMessageNanos = System.nanoTime();
        private final StringBuilder partial = new StringBuilder();
        private boolean oversized;
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null); // guarded by this

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            open = true;
            lastMessageNanos = System.nanoTime();
            opened(this);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastMessageNanos = System.nanoTime();
            if (!oversized) {
                partial.append(data);
                if (partial.length() > MAX_MESSAGE_CHARS) {
                    oversized = true;
                    partial.setLength(0);
                }
            }
            if (last) {
                if (oversized) {
                    oversized = false;
                    malformed("message longer than " + MAX_MESSAGE_CHARS + " characters");
                } else {
                    String text = partial.toString();
                    partial.setLength(0);
                    onMessage(this, text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastMessageNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastMessageNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastMessageNanos = System.nanoTime(); // the JDK answers the control ping itself
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            lost(this, "closed by the venue (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
            lost(this, describe(error));
        }

        /** Sends one text message after the previous one (the JDK allows one outstanding send). */
        void send(String text) {
            WebSocket w = ws;
            if (w == null) {
                return;
            }
            synchronized (this) {
                sends = sends.exceptionally(e -> null)
                        .thenCompose(x -> w.sendText(text, true))
                        .whenComplete((x, error) -> {
                            if (error != null) {
                                lost(this, "send failed: " + describe(error));
                            }
                        });
            }
        }

        void abort() {
            open = false;
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
        }

        void close() {
            WebSocket w = ws;
            if (w != null && open) {
                try {
                    w.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // closing anyway
                }
            }
            abort();
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Hyperliquid source: a listener failed", e);
        }
    }

    private static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof java.net.http.WebSocketHandshakeException h) {
            return "WebSocketHandshakeException: HTTP " + h.getResponse().statusCode();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static long epochNanos() {
        return HermesStreamClient.epochNanos();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
