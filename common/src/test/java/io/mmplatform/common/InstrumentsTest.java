package io.mmplatform.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstrumentsTest {
    @Test
    void referenceOfAMarketIsItsBaseAsset() {
        assertEquals("INJ", Instruments.referenceOf("INJ/USDT"));
        assertEquals("INJ", Instruments.referenceOf("INJ/USDT-PERP"));
        assertEquals("INJ", Instruments.referenceOf("INJ-PERP"));
        assertEquals("BTC", Instruments.referenceOf("BTC"));
        assertEquals("-PERP", Instruments.referenceOf("-PERP"));
        assertThrows(IllegalArgumentException.class, () -> Instruments.referenceOf(" "));
    }

    @Test
    void injectiveTickersBecomeOneToken() {
        assertEquals("INJ/USDT-PERP", Instruments.injectiveMarketName("INJ/USDT PERP"));
        assertEquals("INJ/USDT", Instruments.injectiveMarketName(" INJ/USDT "));
        assertThrows(IllegalArgumentException.class, () -> Instruments.injectiveMarketName(""));
    }
}
