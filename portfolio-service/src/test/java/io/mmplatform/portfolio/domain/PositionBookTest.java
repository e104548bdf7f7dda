package io.mmplatform.portfolio.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.mmplatform.common.messages.Side.BUY;
import static io.mmplatform.common.messages.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionBookTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void keepsOnePositionPerWalletAndMarket() {
        PositionBook book = new PositionBook();
        book.apply("w1", "0x1", "hyperliquid", "BTC", BUY, d("100"), d("1"), d("0.1"), 1);
        book.apply("w1", "0x1", "hyperliquid", "ETH", SELL, d("10"), d("2"), d("0"), 2);
        book.apply("w2", "0x2", "hyperliquid", "BTC", SELL, d("101"), d("1"), d("0"), 3);
        Position w1btc = book.apply("w1", "0x1", "hyperliquid", "BTC", BUY, d("102"), d("1"), d("0.1"), 4);

        assertEquals(3, book.size());
        assertEquals(0, d("2").compareTo(w1btc.size()));
        assertEquals(0, d("101").compareTo(w1btc.avgEntry()));
        assertEquals(2, w1btc.fillCount());
        assertEquals(List.of("w1/BTC", "w1/ETH", "w2/BTC"),
                book.all().stream().map(p -> p.key().toString()).toList());
    }

    @Test
    void marksDriveUnrealizedPnlOfTheirMarketOnly() {
        PositionBook book = new PositionBook();
        book.apply("w1", "0x1", "hyperliquid", "BTC", BUY, d("100"), d("2"), d("0"), 1);
        book.apply("w2", "0x2", "hyperliquid", "BTC", SELL, d("100"), d("1"), d("0"), 1);
        Position eth = book.apply("w1", "0x1", "hyperliquid", "ETH", BUY, d("10"), d("1"), d("0"), 1);

        assertEquals(0, BigDecimal.ZERO.compareTo(book.unrealizedPnl(eth)), "no mark yet");
        List<Position> affected = book.mark("BTC", d("103"));
        assertEquals(List.of("w1", "w2"), affected.stream().map(Position::walletId).toList());
        assertEquals(0, d("6").compareTo(book.unrealizedPnl(affected.get(0))));
        assertEquals(0, d("-3").compareTo(book.unrealizedPnl(affected.get(1))));
        assertEquals(0, BigDecimal.ZERO.compareTo(book.unrealizedPnl(eth)));
        assertEquals(d("103"), book.markOf("BTC").orElseThrow());
        assertTrue(book.markOf("ETH").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> book.mark("BTC", d("0")));
    }

    @Test
    void anInstrumentsReferenceMarksEveryMarketPricedFromIt() {
        PositionBook book = new PositionBook();
        book.apply("w1", "0x1", "hyperliquid", "INJ", BUY, d("24"), d("10"), d("0"), 1);
        book.apply("w3", "inj1", "injective", "INJ/USDT", BUY, d("25"), d("4"), d("0"), 1);
        Position perp = book.apply("w3", "inj1", "injective", "INJ/USDT-PERP", SELL, d("26"), d("2"), d("0"), 1);
        Position btc = book.apply("w3", "inj1", "injective", "BTC/USDT-PERP", BUY, d("60000"), d("1"), d("0"), 1);

        List<Position> marked = book.mark("INJ", d("27"));
        assertEquals(List.of("w1/INJ", "w3/INJ/USDT", "w3/INJ/USDT-PERP"),
                marked.stream().map(p -> p.key().toString()).toList());
        assertEquals(d("27"), book.markOf("INJ/USDT").orElseThrow());
        assertEquals(d("27"), book.markOf("INJ/USDT-PERP").orElseThrow());
        assertEquals(0, d("30").compareTo(book.unrealizedPnl(marked.get(0))), "10 x (27 - 24)");
        assertEquals(0, d("8").compareTo(book.unrealizedPnl(marked.get(1))), "4 x (27 - 25)");
        assertEquals(0, d("-2").compareTo(book.unrealizedPnl(perp)), "short 2 from 26");
        assertEquals(0, BigDecimal.ZERO.compareTo(book.unrealizedPnl(btc)), "not marked by INJ");
        assertTrue(book.markOf("BTC/USDT-PERP").isEmpty());
        assertEquals(List.of("w3/BTC/USDT-PERP"),
                book.mark("BTC", d("60100")).stream().map(p -> p.key().toString()).toList());
        assertEquals(0, d("100").compareTo(book.unrealizedPnl(btc)));
    }

    @Test
    void marketNamesWithSlashesKeepTheirOwnPositions() {
        PositionBook book = new PositionBook();
        book.apply("w3", "inj1", "injective", "INJ/USDT", BUY, d("25"), d("1"), d("0"), 1);
        book.apply("w3", "inj1", "injective", "INJ/USDT-PERP", BUY, d("25"), d("2"), d("0"), 2);
        book.apply("w3", "0x3", "hyperliquid", "INJ", BUY, d("25"), d("3"), d("0"), 3);
        assertEquals(3, book.size());
        assertEquals(0, d("1").compareTo(book.get("w3", "INJ/USDT").orElseThrow().size()));
        assertEquals(0, d("2").compareTo(book.get("w3", "INJ/USDT-PERP").orElseThrow().size()));
        PositionKey key = book.get("w3", "INJ/USDT-PERP").orElseThrow().key();
        assertEquals("w3/INJ/USDT-PERP", key.toString(), "the portfolio.positions key: wallet, '/', market");
        assertEquals(new PositionKey("w3", "INJ/USDT-PERP"), key);
    }

    @Test
    void putReplacesWithTheCommittedState() {
        PositionBook book = new PositionBook();
        book.apply("w1", "0x1", "hyperliquid", "BTC", BUY, d("100"), d("1"), d("0"), 1);
        Position committed = new Position("w1", "0x1", "hyperliquid", "BTC", d("-4"), d("99"), d("12"), d("1"), 9, 5);
        book.put(committed);
        assertEquals(committed, book.get("w1", "BTC").orElseThrow());
    }

    @Test
    void aNewAddressOnAFillIsKept() {
        PositionBook book = new PositionBook();
        book.apply("w1", null, "hyperliquid", "BTC", BUY, d("100"), d("1"), d("0"), 1);
        Position p = book.apply("w1", "0xnew", "hyperliquid", "BTC", BUY, d("100"), d("1"), d("0"), 2);
        assertEquals("0xnew", p.address());
    }

    @Test
    void putLatestNeverGoesBackToAnOlderState() {
        PositionBook book = new PositionBook();
        Position newer = new Position("w1", "0x1", "hyperliquid", "BTC", d("2"), d("100"), d("0"), d("0"), 5, 5);
        Position older = new Position("w1", "0x1", "hyperliquid", "BTC", d("1"), d("100"), d("0"), d("0"), 4, 4);
        book.putLatest(newer);
        book.putLatest(older);
        assertEquals(newer, book.get("w1", "BTC").orElseThrow());
        book.clear();
        book.putLatest(older);
        assertEquals(older, book.get("w1", "BTC").orElseThrow());
    }
}
