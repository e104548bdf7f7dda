package io.mmplatform.common.codec;

/** A record that is not a valid message of the expected type. The message says why, for the dead-letter topic. */
public class DecodeException extends RuntimeException {
    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public DecodeException(String reason) {
        super(reason);
    }
}
