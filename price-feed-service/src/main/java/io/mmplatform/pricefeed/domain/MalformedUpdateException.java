package io.mmplatform.pricefeed.domain;

/** A source payload that is not what the protocol promises; the message says what is wrong. */
public class MalformedUpdateException extends RuntimeException {
    public MalformedUpdateException(String message) {
        super(message);
    }

    public MalformedUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
