package io.mmplatform.pricefeed.adapters;

import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.pricefeed.domain.L2BookParser;
import io.mmplatform.pricefeed.domain.MalformedUpdateException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Polls a Hyperliquid-style venue's L2 books: {@code POST {base}/info {"type":"l2Book","coin":X}} for every
 * market at a fixed delay, and reports each snapshot as a {@link VenueBook} with a seq that increases per market
 * (starting from a value that grows across restarts). Plain Java, one daemon thread.
 */
public final class VenueBookPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VenueBookPoller.class.getName());

    public interface Listener {
        void onBook(VenueBook book);

        /** A poll failed (HTTP error, timeout, malformed answer); malformed says which. */
        default void onError(String market, String reason, boolean malformed) {
        }
    }

    public record Settings(URI baseUrl, String venue, List<String> markets, Duration interval, Duration timeout) {
        public Settings {
            if (markets.isEmpty()) {
                throw new IllegalArgumentException("no markets to poll");
            }
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("poll interval must be positive, got " + interval);
            }
            markets = List.copyOf(markets);
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final Listener listener;
    private final URI infoUri;
    private final Map<String, Long> seqs = new HashMap<>();
    private final Map<String, Boolean> failing = new HashMap<>();
    private final ScheduledExecutorService executor;

    public VenueBookPoller(Settings settings, HttpClient http, Listener listener) {
        this.settings = settings;
        this.http = http;
        this.listener = listener;
        String base = settings.baseUrl().toString();
        this.infoUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/info");
        long firstSeq = System.currentTimeMillis() * 1000L;
        settings.markets().forEach(m -> seqs.put(m, firstSeq));
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "venue-book-poller");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        LOG.info("venue books: polling " + infoUri + " l2Book for " + settings.markets() + " every "
                + settings.interval().toMillis() + " ms");
        executor.scheduleWithFixedDelay(this::pollAll, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round over all markets (also callable directly). */
    public void pollAll() {
        for (String market : settings.markets()) {
            try {
                pollOne(market);
            } catch (RuntimeException e) {
                report(market, "unexpected " + e, false);
            }
        }
    }

    private void pollOne(String market) {
        String body = "{\"type\":\"l2Book\",\"coin\":\"" + market.replace("\"", "") + "\"}";
        HttpRequest request = HttpRequest.newBuilder(infoUri).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            report(market, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long receiveNanos = HermesStreamClient.epochNanos();
        if (response.statusCode() != 200) {
            report(market, "HTTP " + response.statusCode(), false);
            return;
        }
        L2BookParser.L2Book book;
        try {
            book = L2BookParser.parse(response.body());
        } catch (MalformedUpdateException e) {
            report(market, e.getMessage(), true);
            return;
        }
        long seq = seqs.merge(market, 1L, Long::sum);
        if (Boolean.TRUE.equals(failing.put(market, false))) {
            LOG.info("venue book " + market + ": polling recovered");
        }
        listener.onBook(new VenueBook(settings.venue(), market, seq, book.timeMs(), receiveNanos, book.bids(), book.asks()));
    }

    private void report(String market, String reason, boolean malformed) {
        if (!Boolean.TRUE.equals(failing.put(market, true))) {
            LOG.warning("venue book " + market + ": poll failed (" + reason + "); retrying every "
                    + settings.interval().toMillis() + " ms, logging again on recovery");
        }
        listener.onError(market, reason, malformed);
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
