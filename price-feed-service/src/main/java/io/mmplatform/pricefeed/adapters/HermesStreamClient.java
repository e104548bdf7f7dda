package io.mmplatform.pricefeed.adapters;

import io.mmplatform.pricefeed.domain.Backoff;
import io.mmplatform.pricefeed.domain.HermesParser;
import io.mmplatform.pricefeed.domain.HermesPrice;
import io.mmplatform.pricefeed.domain.MalformedUpdateException;
import io.mmplatform.pricefeed.domain.SseEventReader;

import java.io.BufferedReader;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A Pyth Hermes v2 streaming client in plain Java: {@code GET {base}/v2/updates/price/stream?ids[]=..&parsed=true}
 * (server-sent events), one JSON price update per event. Reconnects with exponential back-off whenever the stream
 * ends, fails, answers non-200 or stays silent longer than the idle timeout (Hermes closes streams after 24 h).
 * A malformed event is counted and skipped; the stream goes on. An API key, if given, is sent as
 * {@code Authorization: Bearer <key>} and never logged.
 */
public final class HermesStreamClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HermesStreamClient.class.getName());

    /** What the client reports. Called on the client's reader thread. */
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
     * @param instrumentByFeedId feed id (64 hex, with or without 0x) to instrument name, in request order
     * @param idleTimeout        reconnect if no line at all arrives for this long
     */
    public record Settings(URI baseUrl, Map<String, String> instrumentByFeedId, Optional<String> apiKey,
                           Duration initialBackoff, Duration maxBackoff, Duration idleTimeout) {
        public Settings {
            if (instrumentByFeedId.isEmpty()) {
                throw new IllegalArgumentException("no feed ids to subscribe to");
            }
            Map<String, String> normalized = new LinkedHashMap<>();
            instrumentByFeedId.forEach((id, instrument) -> normalized.put(HermesParser.normalizeId(id), instrument));
            instrumentByFeedId = java.util.Collections.unmodifiableMap(normalized);
            apiKey = apiKey.filter(k -> !k.isBlank());
        }

        @Override
        public String toString() { // never the key
            return "Settings[baseUrl=" + baseUrl + ", feeds=" + instrumentByFeedId + ", apiKey=" + (apiKey.isPresent() ? "set" : "none") + "]";
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
    private volatile Thread thread;

    public HermesStreamClient(Settings settings, HttpClient http, Listener listener) {
        this.settings = settings;
        this.http = http;
        this.listener = listener;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hermes-watchdog"));
    }

    /** The stream URL (feed ids in config order). */
    public URI streamUri() {
        String base = settings.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String ids = settings.instrumentByFeedId().keySet().stream()
                .map(id -> "ids%5B%5D=" + id).collect(Collectors.joining("&"));
        return URI.create(base + "/v2/updates/price/stream?" + ids + "&parsed=true");
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
            if (in != null && System.nanoTime() - lastLineNanos > settings.idleTimeout().toNanos()) {
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

    private void run() {
        URI uri = streamUri();
        LOG.info("Hermes stream: " + uri + " (" + settings.instrumentByFeedId().size() + " feeds, API key "
                + (settings.apiKey().isPresent() ? "set" : "none") + ")");
        while (running) {
            String reason;
            try {
                reason = readOnce(uri);
            } catch (IOException e) {
                reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                reason = "interrupted";
            } catch (RuntimeException e) {
                reason = "unexpected " + e;
            } finally {
                connected = false;
                current = null;
            }
            if (!running) {
                break;
            }
            Thread.interrupted(); // an idle-timeout interrupt is handled: do not cut the back-off short
            Duration delay = backoff.nextDelay();
            listener.onDisconnected(reason, delay);
            LOG.log(Level.WARNING, "Hermes stream ended ({0}); reconnecting in {1} ms", new Object[]{reason, delay.toMillis()});
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
    }

    /** Reads one connection until it ends; returns why it ended. */
    private String readOnce(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10).compareTo(settings.idleTimeout()) < 0 ? Duration.ofSeconds(10) : settings.idleTimeout());
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        if (response.statusCode() != 200) {
            closeQuietly(body);
            return "HTTP " + response.statusCode();
        }
        current = body;
        lastLineNanos = System.nanoTime();
        connected = true;
        listener.onConnected();
        LOG.info("Hermes stream connected");
        boolean delivered = false;
        SseEventReader events = new SseEventReader();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while (running && (line = reader.readLine()) != null) {
                lastLineNanos = System.nanoTime();
                Optional<String> event = events.accept(line);
                if (event.isPresent()) {
                    delivered |= handle(event.get());
                    if (delivered) {
                        backoff.reset();
                    }
                }
            }
            events.flush().ifPresent(this::handle);
        }
        return running ? "stream closed by the server" : "client closed";
    }

    /** Returns whether the event carried at least one good price. */
    private boolean handle(String data) {
        long receiveNanos = epochNanos();
        try {
            boolean any = false;
            for (HermesPrice price : HermesParser.parse(data)) {
                String instrument = settings.instrumentByFeedId().get(price.feedId());
                if (instrument != null) {
                    listener.onPrice(instrument, price, receiveNanos);
                    any = true;
                }
            }
            return any;
        } catch (MalformedUpdateException e) {
            listener.onMalformed(e.getMessage());
            return false;
        }
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
