package io.mmplatform.pricefeed.domain;

/** Where every market-data source reports: prices, skipped input, and its connection state. */
public interface SourceSink {

    void onPrice(SourcePrice price);

    /** A message or line that could not be used; the source goes on. */
    void onMalformed(String source, String reason);

    /** The source lost its connection (or its polls fail) and retries in the given time. */
    default void onDisconnected(String source, String reason, java.time.Duration retryIn) {
    }

    /** The source is connected (or its polls succeed) again. */
    default void onConnected(String source) {
    }
}
