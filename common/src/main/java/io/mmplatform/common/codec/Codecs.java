package io.mmplatform.common.codec;

import io.mmplatform.common.Topics;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;

import java.util.Map;

/** One codec per topic; every service encodes and decodes through these. */
public final class Codecs {
    public static final MessageCodec<ReferencePrice> REFERENCE_PRICE = codec(ReferencePrice.class, ReferencePrice.TYPE);
    public static final MessageCodec<VenueBook> VENUE_BOOK = codec(VenueBook.class, VenueBook.TYPE);
    public static final MessageCodec<QuoteIntent> QUOTE_INTENT = codec(QuoteIntent.class, QuoteIntent.TYPE);
    public static final MessageCodec<OrderEvent> ORDER_EVENT = codec(OrderEvent.class, OrderEvent.TYPE);
    public static final MessageCodec<Fill> FILL = codec(Fill.class, Fill.TYPE);
    public static final MessageCodec<PositionUpdate> POSITION = codec(PositionUpdate.class, PositionUpdate.TYPE);
    public static final MessageCodec<KillSwitch> KILL_SWITCH = codec(KillSwitch.class, KillSwitch.TYPE);
    public static final MessageCodec<DataQuality> DATA_QUALITY = codec(DataQuality.class, DataQuality.TYPE);

    private static final Map<String, MessageCodec<?>> BY_TOPIC = Map.of(
            Topics.MD_REFERENCE, REFERENCE_PRICE,
            Topics.MD_VENUE_BOOK, VENUE_BOOK,
            Topics.QUOTE_INTENTS, QUOTE_INTENT,
            Topics.EXEC_ORDERS, ORDER_EVENT,
            Topics.EXEC_FILLS, FILL,
            Topics.PORTFOLIO_POSITIONS, POSITION,
            Topics.RISK_KILL, KILL_SWITCH,
            Topics.MD_QUALITY, DATA_QUALITY,
            Topics.MD_SOURCE_BOOK, VENUE_BOOK);

    /** The codec of the messages carried by a topic. */
    public static MessageCodec<?> forTopic(String topic) {
        MessageCodec<?> codec = BY_TOPIC.get(topic);
        if (codec == null) {
            throw new IllegalArgumentException("unknown topic '" + topic + "'; known: " + Topics.ALL);
        }
        return codec;
    }

    private static <T> MessageCodec<T> codec(Class<T> type, String name) {
        return new MessageCodec<>(type, name, 1, Json.MAPPER);
    }

    private Codecs() {
    }
}
