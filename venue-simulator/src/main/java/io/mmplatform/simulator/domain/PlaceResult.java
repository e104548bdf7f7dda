package io.mmplatform.simulator.domain;

import java.math.BigDecimal;

/** The outcome of placing one order, in the venue's three kinds: resting, filled, error. */
public sealed interface PlaceResult {

    /** The order (or its remainder after partial fills) rests on the book. */
    record Resting(long oid, String cloid) implements PlaceResult {
    }

    /** The order traded (fully, or an IOC partly) and nothing rests. */
    record Filled(BigDecimal totalSz, BigDecimal avgPx, long oid, String cloid) implements PlaceResult {
    }

    /** The order was refused; message is the venue-like reason. */
    record Rejected(String message) implements PlaceResult {
    }
}
