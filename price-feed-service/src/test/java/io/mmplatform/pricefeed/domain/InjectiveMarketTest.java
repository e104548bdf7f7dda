package io.mmplatform.pricefeed.domain;

import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact chain-format conversion and LCD paths of the seed markets. */
class InjectiveMarketTest {

    static final String SPOT_ID = "0xa508cb32923323679f29a032c70342c147c17d0145625922b0ef22e955c844c0";
    static final String PERP_ID = "0x9b9980167ecc3645ff1a5517886652d94a0825e54a77d2057cbbe3ebee015963";

    static final InjectiveMarket SPOT = InjectiveMarket.of("INJ", SPOT_ID, "spot", 18, 6, "v1beta1");
    static final InjectiveMarket PERP = InjectiveMarket.of("INJ-PERP", PERP_ID, "derivative", 18, 6, "v1beta1");

    static String resource(String name) {
        try (InputStream in = InjectiveMarketTest.class.getResourceAsStream("/injective/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource injective/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void seedMarketIdsAndEndpointsMatchTheVectors() throws Exception {
        String reads = Json.MAPPER.readTree(resource("injective-vectors.json")).get("mainnetReads").asText();
        Matcher spot = Pattern.compile("INJ/USDT spot mainnet (0x[0-9a-f]{64})").matcher(reads);
        Matcher perp = Pattern.compile("INJ/USDT-PERP mainnet (0x[0-9a-f]{64})").matcher(reads);
        assertTrue(spot.find() && perp.find(), reads);
        assertEquals(spot.group(1), SPOT.marketId());
        assertEquals(perp.group(1), PERP.marketId());
        // the vector's v2 read paths are what the markets build with api version v2
        assertTrue(reads.contains("/injective/exchange/v2/{spot|derivative}/mid_price_and_tob/{market_id}"));
        assertEquals("/injective/exchange/v2/derivative/orderbook/" + PERP_ID + "?limit=20",
                PERP.withApiVersion(InjectiveMarket.ApiVersion.V2).orderbookPath(20));
    }

    @Test
    void spotChainPriceIsHumanTimesTenToQuoteMinusBaseDecimals() {
        assertEquals(-12, SPOT.priceShift());
        assertEquals(new BigDecimal("25.1235"), SPOT.humanPrice(new BigDecimal("0.000000000025123500")));
        assertEquals(new BigDecimal("0.001"), SPOT.humanPrice(new BigDecimal("0.000000000000001000")));
        assertEquals(new BigDecimal("12.5"), SPOT.humanQuantity(new BigDecimal("12500000000000000000.000000000000000000")));
        assertEquals(new BigDecimal("0.000000000025123"), SPOT.answerPrice(new BigDecimal("25.123")));
    }

    @Test
    void derivativeChainPriceIsHumanTimesTenToQuoteDecimals() {
        assertEquals(6, PERP.priceShift());
        assertEquals(new BigDecimal("25.13"), PERP.humanPrice(new BigDecimal("25130000.000000000000000000")));
        assertEquals(new BigDecimal("30624.95"), PERP.humanPrice(new BigDecimal("30624950000.000000000000000000")));
        assertEquals(new BigDecimal("25"), PERP.humanPrice(new BigDecimal("25000000.000000000000000000")));
        assertEquals("25", PERP.humanPrice(new BigDecimal("25000000")).toPlainString());
        assertEquals(new BigDecimal("4"), PERP.humanQuantity(new BigDecimal("4.000000000000000000")));
    }

    @Test
    void v2AnswersAreAlreadyHuman() {
        InjectiveMarket v2 = SPOT.withApiVersion(InjectiveMarket.ApiVersion.V2);
        assertEquals(0, v2.priceShift());
        assertEquals(new BigDecimal("25.1235"), v2.humanPrice(new BigDecimal("25.123500000000000000")));
        assertEquals(new BigDecimal("12.5"), v2.humanQuantity(new BigDecimal("12.500000000000000000")));
        assertEquals(new BigDecimal("25.13"), PERP.withApiVersion(InjectiveMarket.ApiVersion.V2)
                .humanPrice(new BigDecimal("25.130000000000000000")));
    }

    @Test
    void conversionIsExactForEveryDigit() {
        BigDecimal human = new BigDecimal("12345.678901234567");
        assertEquals(human, SPOT.humanPrice(SPOT.answerPrice(human)));
        assertEquals(human, PERP.humanPrice(PERP.answerPrice(human)));
    }

    @Test
    void buildsTheLcdPaths() {
        assertEquals("/injective/exchange/v1beta1/spot/mid_price_and_tob/" + SPOT_ID, SPOT.midPriceAndTobPath());
        assertEquals("/injective/exchange/v1beta1/derivative/mid_price_and_tob/" + PERP_ID, PERP.midPriceAndTobPath());
        assertEquals("/injective/exchange/v1beta1/spot/orderbook/" + SPOT_ID + "?limit=5", SPOT.orderbookPath(5));
        assertEquals("/injective/exchange/v2/spot/mid_price_and_tob/" + SPOT_ID,
                SPOT.withApiVersion(InjectiveMarket.ApiVersion.V2).midPriceAndTobPath());
    }

    @Test
    void rejectsBadDefinitions() {
        assertThrows(IllegalArgumentException.class, () -> InjectiveMarket.of("INJ", "0x1234", "spot", 18, 6, "v1beta1"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveMarket.of("INJ", SPOT_ID, "future", 18, 6, "v1beta1"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveMarket.of("INJ", SPOT_ID, "spot", 18, 6, "v3"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveMarket.of(" ", SPOT_ID, "spot", 18, 6, "v2"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveMarket.of("INJ", SPOT_ID, "spot", -1, 6, "v2"));
        assertEquals(InjectiveMarket.Kind.DERIVATIVE, InjectiveMarket.Kind.parse("PERP"));
        assertEquals(SPOT_ID, InjectiveMarket.of("INJ", SPOT_ID.toUpperCase().replace("0X", "0x"), "spot", 18, 6, "v2").marketId());
    }
}
