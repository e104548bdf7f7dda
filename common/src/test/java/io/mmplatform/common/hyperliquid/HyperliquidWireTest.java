package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperliquidWireTest {

    private static JsonNode vectors() throws Exception {
        try (InputStream in = HyperliquidWireTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            return Json.MAPPER.readTree(in).get("floatToWire");
        }
    }

    @Test
    void floatToIntForHashingVectors() throws Exception {
        JsonNode cases = vectors().get("floatToIntForHashing");
        assertTrue(cases.size() >= 3);
        for (JsonNode c : cases) {
            BigDecimal x = c.get(0).decimalValue();
            BigInteger expected = new BigInteger(c.get(1).asText());
            assertEquals(expected, HyperliquidWire.floatToIntForHashing(x), "floatToIntForHashing(" + x + ")");
            String wire = HyperliquidWire.decimalToWire(x);
            assertEquals(expected, new BigDecimal(wire).movePointRight(8).toBigIntegerExact(), "wire " + wire);
            assertEquals(new BigDecimal(wire).stripTrailingZeros().toPlainString(), wire, "no trailing zeros");
        }
    }

    @Test
    void mustRejectVectors() throws Exception {
        JsonNode cases = vectors().get("mustReject");
        assertTrue(cases.size() >= 1);
        for (JsonNode c : cases) {
            BigDecimal x = c.decimalValue();
            assertThrows(IllegalArgumentException.class, () -> HyperliquidWire.decimalToWire(x), x.toPlainString());
            assertThrows(IllegalArgumentException.class, () -> HyperliquidWire.floatToIntForHashing(x));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "100, 100", "100.000, 100", "1E+2, 100", "0.00000000, 0", "-0.0, 0", "0, 0", "-1.50, -1.5",
            "0.00000001, 0.00000001", "1E-8, 0.00000001", "1.033, 1.033", "123123123123, 123123123123",
            "0.100000000000, 0.1", "65432.10, 65432.1", "12345678901234567890.12345678, 12345678901234567890.12345678"})
    void decimalToWireFormats(String in, String expected) {
        assertEquals(expected, HyperliquidWire.decimalToWire(new BigDecimal(in)));
    }

    @ParameterizedTest
    @CsvSource({"0.000000001", "123.456789012", "-0.000000005", "1E-9"})
    void decimalToWireRejectsLostPrecision(String in) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HyperliquidWire.decimalToWire(new BigDecimal(in)));
        assertTrue(e.getMessage().contains("8 decimals"), e.getMessage());
    }

    @Test
    void usdInt() {
        assertEquals(BigInteger.valueOf(1_500_000), HyperliquidWire.floatToUsdInt(new BigDecimal("1.5")));
        assertThrows(IllegalArgumentException.class, () -> HyperliquidWire.floatToUsdInt(new BigDecimal("0.0000001")));
    }

    /** Expected values worked out by hand from the rules; bid rounds down, ask rounds up. */
    @ParameterizedTest(name = "szDecimals {0} perp {1}: {2} -> bid {3} ask {4}")
    @CsvSource({
            "5, true, 65432.17, 65432, 65433",
            "5, true, 123456.7, 123456, 123457",
            "5, true, 9876.543, 9876.5, 9876.6",
            "5, true, 99999.95, 99999, 100000",
            "5, true, 100000, 100000, 100000",
            "4, true, 3456.789, 3456.7, 3456.8",
            "4, true, 345.6789, 345.67, 345.68",
            "4, true, 9.999999, 9.99, 10",
            "4, true, 2500.50, 2500.5, 2500.5",
            "2, true, 145.6789, 145.67, 145.68",
            "2, true, 1.234567, 1.2345, 1.2346",
            "1, true, 0.0123456, 0.01234, 0.01235",
            "0, true, 0.000001234, 0.000001, 0.000002",
            "0, false, 0.000123456, 0.00012345, 0.00012346",
            "2, false, 0.000123456, 0.000123, 0.000124",
            "6, true, 1.5, 1, 2"})
    void roundPriceBothDirections(int szDecimals, boolean perp, String px, String bid, String ask) {
        BigDecimal price = new BigDecimal(px);
        BigDecimal down = HyperliquidWire.roundPrice(price, szDecimals, perp, RoundingMode.DOWN);
        BigDecimal up = HyperliquidWire.roundPrice(price, szDecimals, perp, RoundingMode.UP);
        assertEquals(bid, down.toPlainString());
        assertEquals(ask, up.toPlainString());
        assertNull(HyperliquidWire.priceError(down, szDecimals, perp));
        assertNull(HyperliquidWire.priceError(up, szDecimals, perp));
        assertEquals(bid, HyperliquidWire.roundPrice(price, szDecimals, perp, RoundingMode.FLOOR).toPlainString());
        assertEquals(ask, HyperliquidWire.roundPrice(price, szDecimals, perp, RoundingMode.CEILING).toPlainString());
    }

    @Test
    void roundPriceRejectsNonPositiveAndBadSzDecimals() {
        assertThrows(IllegalArgumentException.class,
                () -> HyperliquidWire.roundPrice(BigDecimal.ZERO, 2, true, RoundingMode.DOWN));
        assertThrows(IllegalArgumentException.class,
                () -> HyperliquidWire.roundPrice(new BigDecimal("-3"), 2, true, RoundingMode.DOWN));
        assertThrows(IllegalArgumentException.class,
                () -> HyperliquidWire.roundPrice(BigDecimal.ONE, 7, true, RoundingMode.DOWN));
    }

    @ParameterizedTest
    @CsvSource({
            "5, true, 65432", "5, true, 123456", "5, true, 1234567", "5, true, 100.000", "5, true, 6543.2",
            "4, true, 3456.7", "2, true, 0.1234", "1, true, 0.01234", "0, false, 0.00012345", "2, false, 0.000123",
            "0, true, 0.000001", "6, true, 7"})
    void validPrices(int szDecimals, boolean perp, String px) {
        assertNull(HyperliquidWire.priceError(new BigDecimal(px), szDecimals, perp));
    }

    @ParameterizedTest
    @CsvSource({
            "5, true, 65432.1, significant", "5, true, 6543.21, decimals", "5, true, 123456.5, significant",
            "4, true, 3456.78, significant", "4, true, 0.123, decimals", "0, false, 0.000123456, decimals",
            "0, false, 1.234567, significant", "2, false, 0.0001234, decimals", "0, true, 0.0000001, decimals",
            "6, true, 7.5, decimals", "2, true, 0, positive", "2, true, -1.5, positive", "7, true, 1, szDecimals"})
    void invalidPrices(int szDecimals, boolean perp, String px, String reason) {
        String error = HyperliquidWire.priceError(new BigDecimal(px), szDecimals, perp);
        assertNotNull(error, px + " should be invalid");
        assertTrue(error.contains(reason), error);
    }

    @Test
    void roundedPricesAreValidAndBracketTheInput() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int exponent = random.nextInt(14) - 7;
            BigDecimal px = BigDecimal.valueOf(random.nextInt(1_000_000_000) + 1L, 9 - exponent);
            boolean perp = random.nextBoolean();
            int szDecimals = random.nextInt(perp ? 7 : 9);
            BigDecimal down = HyperliquidWire.roundPrice(px, szDecimals, perp, RoundingMode.DOWN);
            BigDecimal up = HyperliquidWire.roundPrice(px, szDecimals, perp, RoundingMode.UP);
            String context = px.toPlainString() + " szDecimals " + szDecimals + " perp " + perp;
            assertTrue(down.compareTo(px) <= 0 && up.compareTo(px) >= 0, context);
            assertNull(HyperliquidWire.priceError(up, szDecimals, perp), context);
            if (down.signum() > 0) {
                assertNull(HyperliquidWire.priceError(down, szDecimals, perp), context);
            }
            if (HyperliquidWire.priceError(px, szDecimals, perp) == null) {
                assertEquals(0, down.compareTo(px), context);
                assertEquals(0, up.compareTo(px), context);
            } else {
                assertTrue(down.compareTo(px) < 0 && up.compareTo(px) > 0, context);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0.123456, 4, 0.1234, 0.1235", "1.20000, 2, 1.2, 1.2", "5, 0, 5, 5", "5.5, 0, 5, 6",
            "0.000019, 5, 0.00001, 0.00002", "12.3456, 1, 12.3, 12.4"})
    void roundSizeBothDirections(String sz, int szDecimals, String down, String up) {
        assertEquals(down, HyperliquidWire.roundSize(new BigDecimal(sz), szDecimals, RoundingMode.DOWN).toPlainString());
        assertEquals(up, HyperliquidWire.roundSize(new BigDecimal(sz), szDecimals, RoundingMode.UP).toPlainString());
        assertNull(HyperliquidWire.sizeError(new BigDecimal(down), szDecimals));
    }

    @Test
    void sizeError() {
        assertNull(HyperliquidWire.sizeError(new BigDecimal("0.12340"), 4));
        assertTrue(HyperliquidWire.sizeError(new BigDecimal("0.12345"), 4).contains("decimals"));
    }
}
