package io.mmplatform.common.codec;

import io.mmplatform.common.Topics;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void aRecordWithItsEnvelopeAnywhereDecodesLikeOneWithTheEnvelopeFirst() {
        String first = "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"BTC\",\"source\":\"pyth\","
                + "\"price\":\"100000.5\",\"conf\":\"1\",\"publishTimeMs\":1,\"receiveTimeNanos\":2}";
        String last = "{\"instrument\":\"BTC\",\"source\":\"pyth\",\"price\":\"100000.5\",\"conf\":\"1\","
                + "\"publishTimeMs\":1,\"receiveTimeNanos\":2,\"v\":1,\"type\":\"reference-price\"}";
        assertEquals(Codecs.REFERENCE_PRICE.decode(first), Codecs.REFERENCE_PRICE.decode(last));
        assertEquals(new BigDecimal("100000.5"), Codecs.REFERENCE_PRICE.decode(first).price());
    }

    @Test
    void badRecordsWithTheEnvelopeFirstFailLikeAnyOther() {
        String truncated = "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"BTC\",\"price\":";
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.REFERENCE_PRICE.decode(truncated))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.FILL.decode("{\"type\":\"fill\",\"v\":0,\"x\":1}"))
                .getMessage().contains("unsupported fill version 0"));
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.FILL.decode("{\"v\":1,\"type\":\"fills\"}"))
                .getMessage().contains("expected type 'fill', got 'fills'"));
        String wrongType = "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"BTC\",\"source\":\"pyth\","
                + "\"price\":[1],\"conf\":\"1\",\"publishTimeMs\":1,\"receiveTimeNanos\":2}";
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.REFERENCE_PRICE.decode(wrongType))
                .getMessage().startsWith("invalid reference-price"));
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
    void aReferenceCarriesItsSourcesAndOldRecordsWithoutThemStillDecode() {
        ReferencePrice median = new ReferencePrice("BTC", "median", new BigDecimal("100.5"), BigDecimal.ZERO, 1L, 2L,
                List.of("hyperliquid", "pyth"));
        String json = Codecs.REFERENCE_PRICE.encode(median);
        assertTrue(json.contains("\"sources\":[\"hyperliquid\",\"pyth\"]"), json);
        assertEquals(median, Codecs.REFERENCE_PRICE.decode(json));

        ReferencePrice single = new ReferencePrice("BTC", "pyth", new BigDecimal("100"), BigDecimal.ONE, 1L, 2L);
        assertEquals(List.of("pyth"), single.sources());
        assertEquals(single, Codecs.REFERENCE_PRICE.decode(Codecs.REFERENCE_PRICE.encode(single)));

        String old = "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"ETH\",\"source\":\"pyth\","
                + "\"price\":\"3500.25\",\"conf\":\"1.5\",\"publishTimeMs\":10,\"receiveTimeNanos\":20}";
        ReferencePrice decoded = Codecs.REFERENCE_PRICE.decode(old);
        assertEquals(List.of("pyth"), decoded.sources());
        assertEquals(new ReferencePrice("ETH", "pyth", new BigDecimal("3500.25"), new BigDecimal("1.5"), 10L, 20L), decoded);
        String nullSources = old.replace("\"receiveTimeNanos\":20", "\"receiveTimeNanos\":20,\"sources\":null");
        assertEquals(List.of("pyth"), Codecs.REFERENCE_PRICE.decode(nullSources).sources());
    }

    @Test
    void aDataQualityEventRoundTripsWithNullPrices() {
        Map<String, BigDecimal> sources = new LinkedHashMap<>();
        sources.put("pyth", new BigDecimal("100.10"));
        sources.put("hyperliquid", null);
        sources.put("injective", new BigDecimal("103"));
        DataQuality event = new DataQuality("BTC", QualityState.DIVERGED,
                "max-divergence-bps: BTC sources diverge by 289.7 bps > 100", sources, 1763767201000L);
        String json = Codecs.DATA_QUALITY.encode(event);
        assertTrue(json.startsWith("{\"type\":\"data-quality\",\"v\":1,\"instrument\":\"BTC\""), json);
        assertTrue(json.contains("\"sources\":{\"hyperliquid\":null,\"injective\":\"103\",\"pyth\":\"100.10\"}"), json);
        DataQuality decoded = Codecs.DATA_QUALITY.decode(json);
        assertEquals(event, decoded);
        assertNull(decoded.sources().get("hyperliquid"));
        assertTrue(decoded.sources().containsKey("hyperliquid"));
        assertEquals("BTC", event.key());
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.DATA_QUALITY.decode(json.replace("DIVERGED", "MAYBE")))
                .getMessage().startsWith("invalid data-quality"));
        assertTrue(assertThrows(DecodeException.class, () -> Codecs.DATA_QUALITY.decode(json.replace("\"103\"", "\"-1\"")))
                .getMessage().contains("sources.injective must be positive"));
        assertEquals(Codecs.DATA_QUALITY, Codecs.forTopic(Topics.MD_QUALITY));
    }

    @Test
    void everyTopicHasACodecAndADeadLetterTopic() {
        for (String topic : Topics.ALL) {
            Codecs.forTopic(topic);
            assertEquals(topic + ".dlq", Topics.deadLetterOf(topic));
        }
    }
}
