package io.mmplatform.common.messages;

import io.mmplatform.common.Instruments;

/**
 * A parsed kill scope: everything, one wallet, or one market.
 *
 * <p>A market scope names a market or a reference instrument: {@code market:INJ} covers every market priced from
 * INJ (Hyperliquid's {@code INJ}, Injective's {@code INJ/USDT} and {@code INJ/USDT-PERP}), so that a kill on a stale
 * or diverging reference stops every venue quoting from it; {@code market:INJ/USDT} covers only that market.
 */
public record KillScope(Kind kind, String value) {
    public enum Kind { GLOBAL, WALLET, MARKET }

    public static final KillScope GLOBAL = new KillScope(Kind.GLOBAL, "");

    public static KillScope parse(String scope) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("scope must be 'global', 'wallet:<id>' or 'market:<name>', got empty");
        }
        if (scope.equals("global")) {
            return GLOBAL;
        }
        // split at the first ':' only; the rest (a market such as INJ/USDT-PERP) is the value
        int colon = scope.indexOf(':');
        if (colon > 0 && colon < scope.length() - 1) {
            String value = scope.substring(colon + 1);
            switch (scope.substring(0, colon)) {
                case "wallet":
                    return new KillScope(Kind.WALLET, value);
                case "market":
                    return new KillScope(Kind.MARKET, value);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("scope must be 'global', 'wallet:<id>' or 'market:<name>', got '" + scope + "'");
    }

    /** The market scope of one market or reference instrument: {@code market:INJ}, {@code market:INJ/USDT}. */
    public static KillScope market(String marketOrInstrument) {
        return parse("market:" + marketOrInstrument);
    }

    /**
     * Whether this scope covers the given wallet and market. A market scope covers the market of that name and every
     * market whose reference instrument ({@link Instruments#referenceOf}) has that name.
     */
    public boolean covers(String walletId, String market) {
        return switch (kind) {
            case GLOBAL -> true;
            case WALLET -> value.equals(walletId);
            case MARKET -> market != null && !market.isBlank()
                    && (value.equals(market) || value.equals(Instruments.referenceOf(market)));
        };
    }

    @Override
    public String toString() {
        return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase() + ":" + value;
    }
}
