package io.mmplatform.execution.adapters;

/** The venue could not be reached, answered with an HTTP error, or refused a whole request. */
public class VenueException extends RuntimeException {
    private final boolean refused;

    public VenueException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    /** True if the venue answered and refused the request (nothing happened); false if the outcome is unknown. */
    public boolean refused() {
        return refused;
    }
}
