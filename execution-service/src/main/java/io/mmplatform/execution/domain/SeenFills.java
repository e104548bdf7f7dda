package io.mmplatform.execution.domain;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Remembers the fill ids already published (bounded, oldest forgotten first). The id includes our side, because
 * both sides of a self-trade carry the same venue trade id. Not thread-safe: one per wallet.
 */
public final class SeenFills {
    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    public SeenFills(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** True the first time a fill id is offered, false for every repeat still remembered. */
    public boolean firstTime(String fillId) {
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

    public int size() {
        return seen.size();
    }
}
