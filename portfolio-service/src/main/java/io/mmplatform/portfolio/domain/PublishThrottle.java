package io.mmplatform.portfolio.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At most one mark-driven publication per key and interval. A mark that arrives too early is remembered and
 * becomes due when the interval has passed ({@link #due}), so the latest mark is never lost, only delayed.
 * Synchronized: marks and timers may call it from different threads.
 */
public final class PublishThrottle<K> {
    private final long intervalMs;
    private final Map<K, Long> lastPublishedMs = new HashMap<>();
    private final Set<K> pending = new HashSet<>();

    public PublishThrottle(long intervalMs) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("interval must not be negative, got " + intervalMs);
        }
        this.intervalMs = intervalMs;
    }

    /** True if the key may be published now (and records it as published); false leaves it pending. */
    public synchronized boolean offer(K key, long nowMs) {
        Long last = lastPublishedMs.get(key);
        if (last == null || nowMs - last >= intervalMs) {
            lastPublishedMs.put(key, nowMs);
            pending.remove(key);
            return true;
        }
        pending.add(key);
        return false;
    }

    /** Records a publication made for another reason (a fill), which also satisfies any pending mark. */
    public synchronized void published(K key, long nowMs) {
        lastPublishedMs.put(key, nowMs);
        pending.remove(key);
    }

    /** The pending keys whose interval has passed, recorded as published now. */
    public synchronized List<K> due(long nowMs) {
        List<K> result = new ArrayList<>();
        for (var it = pending.iterator(); it.hasNext(); ) {
            K key = it.next();
            Long last = lastPublishedMs.get(key);
            if (last == null || nowMs - last >= intervalMs) {
                it.remove();
                lastPublishedMs.put(key, nowMs);
                result.add(key);
            }
        }
        return result;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized void clear() {
        lastPublishedMs.clear();
        pending.clear();
    }
}
