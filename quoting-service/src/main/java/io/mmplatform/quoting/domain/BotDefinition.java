package io.mmplatform.quoting.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A bot: one wallet quoting one or more markets of one venue with one strategy type. {@code params} are the bot's
 * parameters (exact decimal strings), {@code overrides} the per-market ones that win over them. A disabled bot never
 * runs and does not count when two bots would quote the same (wallet, market).
 *
 * @param venue the venue its markets are on ({@code hyperliquid}, {@code injective}: any name, the engine does not
 *              know a list); null = the service's default venue ({@link QuotingEngine#venueOf})
 */
public record BotDefinition(String id, String strategy, String wallet, String venue, List<String> markets,
                            Map<String, String> params, Map<String, Map<String, String>> overrides,
                            boolean enabled) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MARKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}");

    public BotDefinition {
        if (id == null || !NAME.matcher(id).matches()) {
            throw new InvalidDefinitionException("id", "must be 1-64 letters, digits, '.', '_' or '-' (not first), got '"
                    + id + "'");
        }
        if (strategy == null || strategy.isBlank()) {
            throw new InvalidDefinitionException("strategy", "is required");
        }
        if (wallet == null || !NAME.matcher(wallet).matches()) {
            throw new InvalidDefinitionException("wallet", "must be a wallet id (letters, digits, '.', '_', '-'), got '"
                    + wallet + "'");
        }
        // a venue is part of the md.venue-book key venue/market: one token, like a wallet id
        if (venue != null && !NAME.matcher(venue).matches()) {
            throw new InvalidDefinitionException("venue", "must be a venue name (letters, digits, '.', '_', '-') or "
                    + "absent for the service's default venue, got '" + venue + "'");
        }
        if (markets == null || markets.isEmpty()) {
            throw new InvalidDefinitionException("markets", "must list at least one market");
        }
        for (int i = 0; i < markets.size(); i++) {
            String m = markets.get(i);
            if (m == null || !MARKET.matcher(m).matches()) {
                throw new InvalidDefinitionException("markets[" + i + "]", "is not a market name: '" + m + "'");
            }
            if (markets.indexOf(m) != i) {
                throw new InvalidDefinitionException("markets[" + i + "]", "repeats " + m);
            }
        }
        markets = List.copyOf(markets);
        params = params == null ? Map.of() : copy(params, "params");
        Map<String, Map<String, String>> o = new LinkedHashMap<>();
        if (overrides != null) {
            for (Map.Entry<String, Map<String, String>> e : overrides.entrySet()) {
                if (!markets.contains(e.getKey())) {
                    throw new InvalidDefinitionException("overrides." + e.getKey(), "is not one of the bot's markets "
                            + markets);
                }
                o.put(e.getKey(), copy(e.getValue() == null ? Map.of() : e.getValue(), "overrides." + e.getKey()));
            }
        }
        overrides = java.util.Collections.unmodifiableMap(o);
    }

    /** A bot on the service's default venue. */
    public BotDefinition(String id, String strategy, String wallet, List<String> markets, Map<String, String> params,
                         Map<String, Map<String, String>> overrides, boolean enabled) {
        this(id, strategy, wallet, null, markets, params, overrides, enabled);
    }

    private static Map<String, String> copy(Map<String, String> values, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new InvalidDefinitionException(path, "has an empty key");
            }
            if (e.getValue() == null) {
                throw new InvalidDefinitionException(path + "." + e.getKey(), "has no value");
            }
            out.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The overrides of one market (empty if none). */
    public Map<String, String> overridesOf(String market) {
        return overrides.getOrDefault(market, Map.of());
    }

    public BotDefinition withEnabled(boolean enabled) {
        return new BotDefinition(id, strategy, wallet, venue, markets, params, overrides, enabled);
    }
}
