package io.mmplatform.pricefeed.adapters;

import io.mmplatform.pricefeed.domain.HermesPrice;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The Pyth Hermes source on the common contract: owns a {@link HermesStreamClient} and reports every price to a
 * {@link SourceSink} as a {@link SourcePrice} (source name configurable, default {@value #DEFAULT_SOURCE};
 * confidence = Pyth conf; sourceTimeMs = Hermes publish_time in ms), along with skipped input and connection state.
 * Its counters and ages are those of {@link #client()}.
 */
public final class HermesSource implements AutoCloseable {
    public static final String DEFAULT_SOURCE = "pyth";

    private final String source;
    private final HermesStreamClient client;

    public HermesSource(HermesStreamClient.Settings settings, HttpClient http, SourceSink sink) {
        this(DEFAULT_SOURCE, settings, http, sink);
    }

    public HermesSource(String source, HermesStreamClient.Settings settings, HttpClient http, SourceSink sink) {
        this.source = source == null || source.isBlank() ? DEFAULT_SOURCE : source;
        this.client = new HermesStreamClient(settings, http, listener(this.source, sink));
    }

    /** A listener that reports to a sink: for wiring that builds its own {@link HermesStreamClient}. */
    public static HermesStreamClient.Listener listener(String source, SourceSink sink) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        return new HermesStreamClient.Listener() {
            @Override
            public void onPrice(String instrument, HermesPrice price, long receiveTimeNanos) {
                sink.onPrice(toSourcePrice(source, instrument, price, receiveTimeNanos));
            }

            @Override
            public void onMalformed(String reason) {
                sink.onMalformed(source, reason);
            }

            @Override
            public void onConnected() {
                sink.onConnected(source);
            }

            @Override
            public void onDisconnected(String reason, Duration retryIn) {
                sink.onDisconnected(source, reason, retryIn);
            }
        };
    }

    public static SourcePrice toSourcePrice(String source, String instrument, HermesPrice price, long receiveTimeNanos) {
        return new SourcePrice(source, instrument, price.price(), price.conf(), price.publishTimeMs(), receiveTimeNanos);
    }

    public String source() {
        return source;
    }

    /** The client, for its counters and ages (updates, last receive time per instrument, reconnects, 429s, malformed). */
    public HermesStreamClient client() {
        return client;
    }

    public void start() {
        client.start();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "HermesSource[" + source + ", " + client.settings() + "]";
    }
}
