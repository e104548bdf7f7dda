package io.mmplatform.common.messages;

/** A parsed kill scope: everything, one wallet, or one market. */
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

    /** Whether this scope covers the given wallet and market. */
    public boolean covers(String walletId, String market) {
        return switch (kind) {
            case GLOBAL -> true;
            case WALLET -> value.equals(walletId);
            case MARKET -> value.equals(market);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase() + ":" + value;
    }
}
