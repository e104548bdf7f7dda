package io.mmplatform.common;

import java.util.List;

/** Every topic name of the platform, in one place. Partitions and policies live in deploy/kafka/topics.json. */
public final class Topics {
    public static final String MD_REFERENCE = "md.reference";
    public static final String MD_VENUE_BOOK = "md.venue-book";
    public static final String QUOTE_INTENTS = "quote.intents";
    public static final String EXEC_ORDERS = "exec.orders";
    public static final String EXEC_FILLS = "exec.fills";
    public static final String PORTFOLIO_POSITIONS = "portfolio.positions";
    public static final String RISK_KILL = "risk.kill";

    public static final List<String> ALL = List.of(
            MD_REFERENCE, MD_VENUE_BOOK, QUOTE_INTENTS, EXEC_ORDERS, EXEC_FILLS, PORTFOLIO_POSITIONS, RISK_KILL);

    /** Suffix of the dead-letter topic that receives the records of a topic that could not be decoded. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
