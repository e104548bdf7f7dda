package io.mmplatform.common.messages;

/** The data quality of one instrument's reference. */
public enum QualityState {
    /** Enough fresh sources that agree: a reference is published. */
    OK,
    /** The fresh sources disagree by more than the divergence limit: no reference is published. */
    DIVERGED,
    /** Too few fresh sources (all stale, or fewer than the minimum): no reference is published. */
    STALE
}
