package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Fill;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Remembers the fill ids already taken up (bounded, oldest forgotten first), and the fills whose publish failed
 * until they are handed out again. The id includes our side, because both sides of a self-trade carry the same venue
 * trade id.
 *
 * <p>The fill poll is the only caller of {@link #firstTime} and {@link #takeRetries}; {@link #publishFailed} may be
 * called from any thread (the Kafka producer's nack). A fill is taken up once ({@code firstTime} true: the order book
 * effects are applied once), and its record is published until the broker acknowledges it: a failed publish goes
 * back through {@code publishFailed} and the next poll's {@code takeRetries} returns it. Duplicates on exec.fills are
 * harmless (consumers count a fill once per fillId), a lost fill is not.
 */
public final class SeenFills {
    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private final Map<String, Fill> unpublished = new LinkedHashMap<>();

    public SeenFills(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** True the first time a fill id is offered, false for every repeat still remembered. */
    public synchronized boolean firstTime(String fillId) {
        if (!seen.add(fillId)) {
            return false;
        }
        if (seen.size() > capacity) {
            Iterator<String> it = seen.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    /** The broker did not take this fill: the next {@link #takeRetries} hands it out again. Any thread. */
    public synchronized void publishFailed(Fill fill) {
        unpublished.put(fill.fillId(), fill);
    }

    /** The fills whose publish failed since the last call, oldest failure first; the caller publishes them again. */
    public synchronized List<Fill> takeRetries() {
        if (unpublished.isEmpty()) {
            return List.of();
        }
        List<Fill> retries = new ArrayList<>(unpublished.values());
        unpublished.clear();
        return retries;
    }

    /** Fills waiting to be published again. */
    public synchronized int unpublished() {
        return unpublished.size();
    }

    public synchronized int size() {
        return seen.size();
    }
}
