package io.mmplatform.pricefeed.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseEventReaderTest {

    private static List<String> feed(SseEventReader reader, String... lines) {
        List<String> events = new ArrayList<>();
        for (String line : lines) {
            reader.accept(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void aBlankLineEndsAnEventAndMultipleDataLinesJoinWithNewlines() {
        SseEventReader reader = new SseEventReader();
        assertEquals(List.of("{\"a\":1}", "line1\nline2"),
                feed(reader, "data:{\"a\":1}", "", ": keep-alive comment", "event: price", "id: 7", "data: line1", "data:line2", ""));
    }

    @Test
    void blankLinesWithoutDataDispatchNothingAndFlushEndsAPendingEvent() {
        SseEventReader reader = new SseEventReader();
        assertEquals(List.of(), feed(reader, "", "", "retry: 1000", "", "data: tail"));
        assertEquals(Optional.of("tail"), reader.flush());
        assertEquals(Optional.empty(), reader.flush());
    }
}
