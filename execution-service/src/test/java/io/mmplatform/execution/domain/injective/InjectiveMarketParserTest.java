package io.mmplatform.execution.domain.injective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Kind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sample answers written from injective/exchange/v2/{market,query}.proto (SpotMarket, DerivativeMarket,
 * FullDerivativeMarket); LegacyDec values as the LCD prints them (18 decimals), values illustrative.
 */
class InjectiveMarketParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String SPOT_ANSWER = """
            {"markets": [
              {"ticker": "INJ/USDT", "base_denom": "inj",
               "quote_denom": "peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5",
               "maker_fee_rate": "-0.000100000000000000", "taker_fee_rate": "0.001000000000000000",
               "relayer_fee_share_rate": "0.400000000000000000",
               "market_id": "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe",
               "status": "Active",
               "min_price_tick_size": "0.001000000000000000",
               "min_quantity_tick_size": "0.001000000000000000",
               "min_notional": "1.000000000000000000",
               "admin": "", "admin_permissions": 0, "base_decimals": 18, "quote_decimals": 6},
              {"ticker": "ATOM/USDT", "base_denom": "ibc/C4CFF46FD6DE35CA4CF4CE031E643C8FDC9BA4B99AE598E9B0ED98FE3A2319F9",
               "quote_denom": "peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5",
               "maker_fee_rate": "0.000000000000000000", "taker_fee_rate": "0.001000000000000000",
               "relayer_fee_share_rate": "0.400000000000000000",
               "market_id": "0x491ee4fae7956dd72b6a97805046ffef65892e1d3254c559c18056a519b2ca15",
               "status": "Paused",
               "min_price_tick_size": "0.000100000000000000",
               "min_quantity_tick_size": "0.010000000000000000",
               "min_notional": "0.000000000000000000",
               "admin": "", "admin_permissions": 0, "base_decimals": 6, "quote_decimals": 6}
            ]}
            """;

    static final String DERIVATIVE_ANSWER = """
            {"markets": [
              {"market": {"ticker": "INJ/USDT PERP", "oracle_base": "0x2d9315a88f3019f8efa88dfe9c0f0843712da0bac814461e27733f6b83eb51b3",
                 "oracle_quote": "0x1fc18861232290221461220bd4e2acd1dcdfbc89c84092c93c18bdc7756c1588",
                 "oracle_type": "Pyth", "oracle_scale_factor": 0,
                 "quote_denom": "peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5",
                 "market_id": "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6",
                 "initial_margin_ratio": "0.050000000000000000", "maintenance_margin_ratio": "0.020000000000000000",
                 "maker_fee_rate": "-0.000100000000000000", "taker_fee_rate": "0.000500000000000000",
                 "relayer_fee_share_rate": "0.400000000000000000", "isPerpetual": true, "status": "Active",
                 "min_price_tick_size": "0.001000000000000000", "min_quantity_tick_size": "0.001000000000000000",
                 "min_notional": "1.000000000000000000", "admin": "", "admin_permissions": 0,
                 "quote_decimals": 6, "reduce_margin_ratio": "0.150000000000000000",
                 "open_notional_cap": {"uncapped": {}}},
               "perpetual_info": {
                 "market_info": {"market_id": "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6",
                   "hourly_funding_rate_cap": "0.000625000000000000", "hourly_interest_rate": "0.000004166666666667",
                   "next_funding_timestamp": "1700000000", "funding_interval": "3600"},
                 "funding_info": {"cumulative_funding": "0.000000000000000000", "cumulative_price": "0.000000000000000000",
                   "last_timestamp": "1699996400"}},
               "mark_price": "25.120000000000000000"}
            ]}
            """;

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void spotMarketsOfAV2Answer() throws Exception {
        List<InjectiveMarketSpec> markets = InjectiveMarketParser.parseSpotMarkets(json(SPOT_ANSWER));
        assertEquals(2, markets.size());
        InjectiveMarketSpec inj = markets.get(0);
        assertEquals("0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe", inj.marketId());
        assertEquals(Kind.SPOT, inj.kind());
        assertEquals("INJ/USDT", inj.ticker());
        assertEquals(18, inj.baseDecimals());
        assertEquals(6, inj.quoteDecimals());
        assertEquals(new BigDecimal("0.001"), inj.minPriceTickSize());
        assertEquals(new BigDecimal("0.001"), inj.minQuantityTickSize());
        assertEquals(0, BigDecimal.ONE.compareTo(inj.minNotional()));
        InjectiveMarketSpec atom = markets.get(1);
        assertEquals(new BigDecimal("0.0001"), atom.minPriceTickSize());
        assertEquals(new BigDecimal("0.01"), atom.minQuantityTickSize());
        assertEquals(0, atom.minNotional().signum());
    }

    @Test
    void derivativeMarketsOfAV2AnswerUnwrapFullDerivativeMarket() throws Exception {
        List<InjectiveMarketSpec> markets = InjectiveMarketParser.parseDerivativeMarkets(json(DERIVATIVE_ANSWER));
        assertEquals(1, markets.size());
        InjectiveMarketSpec perp = markets.get(0);
        assertEquals("0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6", perp.marketId());
        assertEquals(Kind.DERIVATIVE, perp.kind());
        assertEquals("INJ/USDT PERP", perp.ticker());
        assertEquals(0, perp.baseDecimals());
        assertEquals(6, perp.quoteDecimals());
        assertEquals(new BigDecimal("0.001"), perp.minPriceTickSize());
        assertEquals(0, BigDecimal.ONE.compareTo(perp.minNotional()));
    }

    @Test
    void lowerCamelCaseProtoJsonIsAcceptedToo() throws Exception {
        String camel = """
                {"markets": [{"ticker": "INJ/USDT",
                  "marketId": "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe",
                  "minPriceTickSize": "0.001", "minQuantityTickSize": "0.001", "minNotional": "1",
                  "baseDecimals": 18, "quoteDecimals": "6"}]}
                """;
        InjectiveMarketSpec m = InjectiveMarketParser.parseSpotMarkets(json(camel)).get(0);
        assertEquals(6, m.quoteDecimals());
        assertEquals(new BigDecimal("0.001"), m.minQuantityTickSize());
    }

    @Test
    void anAnswerWithoutDecimalsIsRefusedAsNotV2() throws Exception {
        String noDecimals = """
                {"markets": [{"ticker": "INJ/USDT",
                  "market_id": "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe",
                  "min_price_tick_size": "0.000000000000001000", "min_quantity_tick_size": "1000000000000000.000000000000000000",
                  "min_notional": "0.000000000000000000"}]}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InjectiveMarketParser.parseSpotMarkets(json(noDecimals)));
        assertTrue(e.getMessage().contains("base_decimals"), e.getMessage());
    }

    @Test
    void malformedAnswersNameWhatIsWrong() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> InjectiveMarketParser.parseSpotMarkets(json("{}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InjectiveMarketParser.parseDerivativeMarkets(json(
                        DERIVATIVE_ANSWER.replace("\"min_notional\": \"1.000000000000000000\"", "\"min_notional\": 1"))));
        assertTrue(e.getMessage().contains("markets[0].market.min_notional"), e.getMessage());
    }
}
