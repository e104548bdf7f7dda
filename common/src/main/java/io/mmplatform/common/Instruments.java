package io.mmplatform.common;

/**
 * How market names relate to reference instruments, the one rule every service uses.
 *
 * <p>A reference (md.reference) is per instrument: {@code INJ}, {@code BTC}. A market is named per venue: Hyperliquid
 * calls its perps by the coin ({@code INJ}), Injective by ticker ({@code INJ/USDT}, {@code INJ/USDT PERP}), which the
 * platform writes without spaces ({@code INJ/USDT-PERP}) so that it is one token in keys and on the command line.
 * Market names differ between venues on purpose: positions are keyed {@code walletId/market}, so one wallet's INJ
 * on Hyperliquid and its INJ/USDT on Injective stay apart.
 */
public final class Instruments {
    public static final String PERP_SUFFIX = "-PERP";

    /**
     * The reference instrument a market is priced from: the base asset of a {@code BASE/QUOTE} market, otherwise the
     * name without a {@code -PERP} suffix ({@code INJ/USDT-PERP} -> {@code INJ}, {@code INJ-PERP} -> {@code INJ},
     * {@code BTC} -> {@code BTC}).
     */
    public static String referenceOf(String market) {
        if (market == null || market.isBlank()) {
            throw new IllegalArgumentException("market name is missing");
        }
        int slash = market.indexOf('/');
        if (slash > 0) {
            return market.substring(0, slash);
        }
        if (market.endsWith(PERP_SUFFIX) && market.length() > PERP_SUFFIX.length()) {
            return market.substring(0, market.length() - PERP_SUFFIX.length());
        }
        return market;
    }

    /** The platform's name of an Injective market from its on-chain ticker: {@code INJ/USDT PERP} -> {@code INJ/USDT-PERP}. */
    public static String injectiveMarketName(String ticker) {
        if (ticker == null || ticker.isBlank()) {
            throw new IllegalArgumentException("ticker is missing");
        }
        return ticker.strip().replaceAll("\\s+", "-");
    }

    private Instruments() {
    }
}
