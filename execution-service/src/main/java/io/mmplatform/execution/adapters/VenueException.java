package io.mmplatform.execution.adapters;

/** The venue could not be reached, answered with an HTTP error, or refused a whole request. */
public class VenueException extends RuntimeException {
    private final boolean refused;
    private final boolean rateLimited;

    public VenueException(String message, boolean refused, Throwable cause) {
        this(message, refused, false, cause);
    }

    public VenueException(String message, boolean refused, boolean rateLimited, Throwable cause) {
        super(message, cause);
        this.refused = refused;
        this.rateLimited = rateLimited;
    }

    /** The venue answered HTTP 429: the request was not applied; slow down. */
    public boolean rateLimited() {
        return rateLimited;
    }

    /** True if the venue answered and refused the request (nothing happened); false if the outcome is unknown. */
    public boolean refused() {
        return refused;
    }
}
