package io.mmplatform.common.codec;

import io.mmplatform.common.Topics;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest {

    @Test
    void decimalsTravelAsExactStringsAndTheEnvelopeComesFirst() {
        ReferencePrice price = new ReferencePrice("BTC", "pyth", new BigDecimal("61409.93501000"),
                new BigDecimal("32.87868567"), 1714746101000L, 1714746101123456789L);
        String json = Codecs.REFERENCE_PRICE.encode(price);
        assertTrue(json.startsWith("{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"BTC\""), json);
        assertTrue(json.contains("\"price\":\"61409.93501000\""), json);
        assertEquals(price, Codecs.REFERENCE_PRICE.decode(json));
    }

    @Test
    void aQuoteIntentRoundTripsWithItsOrders() {
        QuoteIntent intent = new QuoteIntent("w1", "hyperliquid", "ETH", 7, "ladder", new BigDecimal("3500.1"),
                1L, 2L, List.of(new DesiredOrder("b0", Side.BUY, new BigDecimal("3499.05"), new BigDecimal("0.1"), TimeInForce.ALO)));
        assertEquals(intent, Codecs.QUOTE_INTENT.decode(Codecs.QUOTE_INTENT.encode(intent)));
        assertEquals("w1", intent.key());
    }

    @Test
    void aFillRoundTripsWithNullableIds() {
        Fill fill = new Fill("hyperliquid:9:B", "w1", "0xabc", "hyperliquid", "BTC", Side.BUY, new BigDecimal("100000"),
                new BigDecimal("0.001"), new BigDecimal("-0.015"), "USDC", Liquidity.MAKER, null, null, 5L, 0L);
        assertEquals(fill, Codecs.FILL.decode(Codecs.FILL.encodeBytes(fill)));
    }

    @Test
    void badRecordsFailWithAReasonThatNamesTheProblem() {
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.FILL.decode("not json"))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.FILL.decode("{\"type\":\"position\",\"v\":1}"))
                .getMessage().contains("expected type 'fill'"));
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.FILL.decode("{\"type\":\"fill\",\"v\":9}"))
                .getMessage().contains("unsupported fill version"));
        String missingPrice = "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"BTC\",\"source\":\"pyth\",\"conf\":\"1\","
                + "\"publishTimeMs\":1,\"receiveTimeNanos\":1}";
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.REFERENCE_PRICE.decode(missingPrice))
                .getMessage().contains("price is missing"));
        String negative = missingPrice.replace("\"conf\"", "\"price\":\"-1\",\"conf\"");
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.REFERENCE_PRICE.decode(negative))
                .getMessage().contains("price must be positive"));
        assertThrows(DecodeException.class, () -> Codecs.FILL.decode((byte[]) null));
    }

    @Test
    void killScopesAreValidated() {
        KillSwitch kill = new KillSwitch("wallet:w1", KillState.ENGAGED, "position limit", "risk-service", 3L);
        assertEquals(kill, Codecs.KILL_SWITCH.decode(Codecs.KILL_SWITCH.encode(kill)));
        String badScope = Codecs.KILL_SWITCH.encode(kill).replace("wallet:w1", "planet:mars");
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.KILL_SWITCH.decode(badScope))
                .getMessage().contains("scope must be"));
    }

    @Test
    void everyTopicHasACodecAndADeadLetterTopic() {
        for (String topic : Topics.ALL) {
            Codecs.forTopic(topic);
            assertEquals(topic + ".dlq", Topics.deadLetterOf(topic));
        }
    }
}
