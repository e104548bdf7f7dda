package io.mmplatform.simulator.adapters;

/** A status code and a body, JSON unless text is set. */
public record HttpAnswer(int status, String body, boolean text) {
    public static HttpAnswer json(String body) {
        return new HttpAnswer(200, body, false);
    }

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, body, true);
    }

    /** HTTP 429, as during a 429 burst or over a rate limit. */
    public static HttpAnswer tooManyRequests() {
        return new HttpAnswer(429, "{\"status\":\"err\",\"response\":\"Too many requests\"}", false);
    }

    /** What the venue answers to a body it cannot read. */
    public static HttpAnswer unreadable() {
        return text(422, "Failed to deserialize the JSON body into the target type");
    }
}
