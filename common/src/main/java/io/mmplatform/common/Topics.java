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
    /** Data quality of each instrument's reference (compacted, key instrument): OK, DIVERGED, STALE. */
    public static final String MD_QUALITY = "md.quality";
    /** Depth of a reference source (Injective or Hyperliquid mainnet), key source/instrument; the venue-book shape. */
    public static final String MD_SOURCE_BOOK = "md.source-book";

    public static final List<String> ALL = List.of(
            MD_REFERENCE, MD_VENUE_BOOK, QUOTE_INTENTS, EXEC_ORDERS, EXEC_FILLS, PORTFOLIO_POSITIONS, RISK_KILL,
            MD_QUALITY, MD_SOURCE_BOOK);

    /** Suffix of the dead-letter topic that receives the records of a topic that could not be decoded. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
