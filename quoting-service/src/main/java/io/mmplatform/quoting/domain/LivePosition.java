package io.mmplatform.quoting.domain;

import java.math.BigDecimal;
import java.util.ArrayDeque;

/**
 * A wallet's position in one market as quoting should see it: portfolio's latest snapshot plus the fills quoting has
 * seen that the snapshot does not count yet. Portfolio persists a fill before it publishes the position, so under
 * load its snapshot lags; a strategy that stops growing a position at its limit must not keep buying through that
 * lag. Fills of one wallet reach portfolio and quoting in the same order (one partition), so the fills a snapshot
 * lacks are the latest ones quoting saw: as many as quoting has seen beyond the snapshot's fill count.
 */
public final class LivePosition {
    /** Fills kept for the estimate; a snapshot lagging further than this is not expected. */
    static final int MAX_PENDING = 4096;

    private BigDecimal snapshot;
    private long snapshotFills;
    /** Fills the snapshots count that quoting never saw (before it started); known at the first snapshot. */
    private long unseenBefore = -1;
    private long seen;
    private final ArrayDeque<BigDecimal> latest = new ArrayDeque<>();

    /** A fill quoting saw: signed size, positive for a buy. */
    public void onFill(BigDecimal signedSize) {
        seen++;
        latest.addLast(signedSize);
        if (latest.size() > MAX_PENDING) {
            latest.removeFirst();
        }
    }

    /** Portfolio's position after fillCount fills of this wallet and market. */
    public void onSnapshot(BigDecimal size, long fillCount) {
        snapshot = size;
        snapshotFills = fillCount;
        if (unseenBefore < 0) {
            unseenBefore = Math.max(0, fillCount - seen);
        }
    }

    /** The position: the snapshot plus the fills it lacks; null before the first snapshot. */
    public BigDecimal current() {
        if (snapshot == null) {
            return null;
        }
        long pending = Math.min(seen + unseenBefore - snapshotFills, latest.size());
        BigDecimal position = snapshot;
        if (pending > 0) {
            var it = latest.descendingIterator();
            for (long i = 0; i < pending; i++) {
                position = position.add(it.next());
            }
        }
        return position;
    }
}
