package io.mmplatform.pricefeed.domain;

import io.mmplatform.common.messages.PriceLevel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.mmplatform.pricefeed.domain.InjectiveMarketTest.PERP;
import static io.mmplatform.pricefeed.domain.InjectiveMarketTest.SPOT;
import static io.mmplatform.pricefeed.domain.InjectiveMarketTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LCD answers of mid_price_and_tob and orderbook, in the recorded shapes. */
class InjectiveLcdParserTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void spotTopOfBookInHumanPrices() {
        InjectiveLcdParser.TopOfBook tob = InjectiveLcdParser.parseMidPriceAndTob(
                resource("spot-mid-price-and-tob-v1beta1.json"), SPOT);
        assertEquals(d("25.1235"), tob.mid());
        assertEquals(d("25.123"), tob.bestBid());
        assertEquals(d("25.124"), tob.bestAsk());
    }

    @Test
    void derivativeTopOfBookInHumanPrices() {
        InjectiveLcdParser.TopOfBook tob = InjectiveLcdParser.parseMidPriceAndTob(
                resource("derivative-mid-price-and-tob-v1beta1.json"), PERP);
        assertEquals(d("25.13"), tob.mid());
        assertEquals(d("25.12"), tob.bestBid());
        assertEquals(d("25.14"), tob.bestAsk());
    }

    @Test
    void v2AnswerGivesTheSameHumanPrices() {
        InjectiveLcdParser.TopOfBook tob = InjectiveLcdParser.parseMidPriceAndTob(
                resource("spot-mid-price-and-tob-v2.json"), SPOT.withApiVersion(InjectiveMarket.ApiVersion.V2));
        assertEquals(d("25.1235"), tob.mid());
    }

    @Test
    void anEmptyOrOneSidedBookHasNoMidAndIsNotMalformed() {
        InjectiveLcdParser.TopOfBook empty = InjectiveLcdParser.parseMidPriceAndTob(resource("mid-price-and-tob-empty.json"), SPOT);
        assertFalse(empty.hasMid());
        assertNull(empty.bestBid());
        assertNull(empty.bestAsk());
        InjectiveLcdParser.TopOfBook oneSided = InjectiveLcdParser.parseMidPriceAndTob(resource("mid-price-and-tob-one-sided.json"), SPOT);
        assertFalse(oneSided.hasMid());
        assertEquals(d("25.123"), oneSided.bestBid());
        assertFalse(InjectiveLcdParser.parseMidPriceAndTob("{}", SPOT).hasMid());
        assertFalse(InjectiveLcdParser.parseMidPriceAndTob("{\"mid_price\":\"\",\"best_buy_price\":\"\"}", SPOT).hasMid());
    }

    @Test
    void aMissingMidIsTheExactAverageOfBothSides() {
        InjectiveLcdParser.TopOfBook tob = InjectiveLcdParser.parseMidPriceAndTob(
                "{\"best_buy_price\":\"25120000.000000000000000000\",\"best_sell_price\":\"25130001.000000000000000000\"}", PERP);
        assertEquals(d("25.1250005"), tob.mid());
    }

    @Test
    void malformedAnswersSayWhatIsWrong() {
        assertEquals("mid_price_and_tob answer is not JSON", assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseMidPriceAndTob("{\"mid_price\":", SPOT)).getMessage());
        assertEquals("mid_price_and_tob answer is not a JSON object", assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseMidPriceAndTob("[1,2]", SPOT)).getMessage());
        assertTrue(assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseMidPriceAndTob("{\"mid_price\":\"abc\"}", SPOT)).getMessage().contains("'mid_price' = 'abc'"));
        assertTrue(assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseMidPriceAndTob("{\"mid_price\":\"-1.0\"}", SPOT)).getMessage().contains("not a positive price"));
        assertTrue(assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseMidPriceAndTob("{\"mid_price\":true}", SPOT)).getMessage().contains("not a decimal string"));
        assertTrue(assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseOrderbook("{\"buys_price_level\":[{\"p\":\"1\"}]}", SPOT)).getMessage().contains("without 'p' or 'q'"));
        assertTrue(assertThrows(MalformedUpdateException.class,
                () -> InjectiveLcdParser.parseOrderbook("{\"sells_price_level\":{}}", SPOT)).getMessage().contains("not an array"));
    }

    @Test
    void spotOrderbookInHumanPricesAndQuantities() {
        InjectiveLcdParser.Depth depth = InjectiveLcdParser.parseOrderbook(resource("spot-orderbook-v1beta1.json"), SPOT);
        assertEquals(List.of(new PriceLevel(d("25.123"), d("12.5"), 0), new PriceLevel(d("25.122"), d("3"), 0)), depth.bids());
        assertEquals(List.of(new PriceLevel(d("25.124"), d("0.75"), 0)), depth.asks());
        assertEquals(-1, depth.seq());
    }

    @Test
    void derivativeOrderbookInHumanPricesAndQuantities() {
        InjectiveLcdParser.Depth depth = InjectiveLcdParser.parseOrderbook(resource("derivative-orderbook-v1beta1.json"), PERP);
        assertEquals(List.of(new PriceLevel(d("25.12"), d("4"), 0), new PriceLevel(d("25.11"), d("1.5"), 0)), depth.bids());
        assertEquals(List.of(new PriceLevel(d("25.14"), d("2"), 0)), depth.asks());
    }

    @Test
    void emptyOrMissingSidesAreEmptyAndSeqIsRead() {
        InjectiveLcdParser.Depth empty = InjectiveLcdParser.parseOrderbook(resource("orderbook-empty.json"), SPOT);
        assertTrue(empty.bids().isEmpty() && empty.asks().isEmpty());
        InjectiveLcdParser.Depth none = InjectiveLcdParser.parseOrderbook("{\"seq\":\"42\"}", PERP);
        assertTrue(none.bids().isEmpty() && none.asks().isEmpty());
        assertEquals(42, none.seq());
    }
}
