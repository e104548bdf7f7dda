package io.mmplatform.execution.domain;

/** Where one of our orders stands as far as execution knows. */
public enum OrderState {
    /** sent (or about to be), no answer from the venue yet */
    PENDING_NEW,
    /** the venue acknowledged it and it rests */
    RESTING,
    /** a cancel was sent, no confirmation yet */
    PENDING_CANCEL
}
