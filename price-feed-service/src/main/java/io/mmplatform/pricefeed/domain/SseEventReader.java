package io.mmplatform.pricefeed.domain;

import java.util.Optional;

/**
 * Assembles server-sent events from lines (the text/event-stream format): {@code data:} lines accumulate (joined by
 * a newline, one leading space dropped), a blank line ends the event; comments ({@code :...}) and other fields
 * ({@code event:}, {@code id:}, {@code retry:}) are ignored. Not thread-safe: one per connection.
 */
public final class SseEventReader {
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Feeds one line (without its line terminator); returns the event's data when this line completes one. */
    public Optional<String> accept(String line) {
        if (line.isEmpty()) {
            return flush();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return Optional.empty();
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
        return Optional.empty();
    }

    /** Ends the pending event, if any (the stream closed). */
    public Optional<String> flush() {
        if (!hasData) {
            return Optional.empty();
        }
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return Optional.of(event);
    }
}
