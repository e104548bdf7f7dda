package io.mmplatform.pricefeed.adapters;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text/event-stream lines (ended by LF, CRLF or CR) with a bound: a line longer than {@code maxChars} is
 * discarded up to its end and reported as {@link #TOO_LONG}, so a broken or hostile server cannot make the client
 * buffer without limit. Not thread-safe: one per connection.
 */
final class HermesLineReader {
    /** Returned (compare by identity) for a line that was longer than the bound; its text is dropped. */
    static final String TOO_LONG = new String("<line too long>");

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private boolean skipLf;

    HermesLineReader(Reader in, int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0");
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, {@link #TOO_LONG}, or null at the end of the stream. */
    String readLine() throws IOException {
        StringBuilder line = null;
        boolean tooLong = false;
        while (true) {
            if (pos >= limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (tooLong) {
                        return TOO_LONG;
                    }
                    return line == null ? null : line.toString();
                }
                pos = 0;
                limit = n;
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            int length = pos - start;
            if (!tooLong) {
                if (line == null) {
                    line = new StringBuilder(Math.min(Math.max(length, 64), maxChars));
                }
                if (line.length() + length > maxChars) {
                    tooLong = true;
                    line = null;
                } else {
                    line.append(buffer, start, length);
                }
            }
            if (pos < limit) { // a terminator
                skipLf = buffer[pos] == '\r';
                pos++;
                return tooLong ? TOO_LONG : line == null ? "" : line.toString();
            }
        }
    }
}
