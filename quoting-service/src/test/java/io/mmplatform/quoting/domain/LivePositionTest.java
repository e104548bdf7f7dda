package io.mmplatform.quoting.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LivePositionTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void unknownUntilTheFirstSnapshot() {
        LivePosition p = new LivePosition();
        p.onFill(d("1"));
        assertNull(p.current());
    }

    @Test
    void fillsTheSnapshotDoesNotCountYetAreAddedOnce() {
        LivePosition p = new LivePosition();
        p.onSnapshot(d("10"), 5); // five fills before quoting started
        p.onFill(d("2"));
        p.onFill(d("-0.5"));
        assertEquals(d("11.5"), p.current());
        p.onSnapshot(d("12"), 6); // portfolio counted the first of the two
        assertEquals(d("11.5"), p.current());
        p.onSnapshot(d("11.5"), 7);
        assertEquals(d("11.5"), p.current());
    }

    @Test
    void aSnapshotAheadOfQuotingIsTakenAsItIs() {
        LivePosition p = new LivePosition();
        p.onFill(d("1"));
        p.onSnapshot(d("1"), 1);
        p.onSnapshot(d("3"), 2); // portfolio saw a fill quoting has not yet
        assertEquals(d("3"), p.current());
        p.onFill(d("2"));
        assertEquals(d("3"), p.current(), "that fill arriving now is not counted twice");
    }

    @Test
    void fillsSeenBeforeTheFirstSnapshotThatItLacksAreAdded() {
        LivePosition p = new LivePosition();
        p.onFill(d("1"));
        p.onFill(d("1"));
        p.onSnapshot(d("1"), 1); // portfolio has counted the first of the two
        assertEquals(d("2"), p.current());
        p.onFill(d("1"));
        assertEquals(d("3"), p.current());
        p.onSnapshot(d("3"), 3);
        assertEquals(d("3"), p.current());
    }
}
