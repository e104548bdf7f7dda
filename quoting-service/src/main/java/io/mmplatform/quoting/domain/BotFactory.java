package io.mmplatform.quoting.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a bot's strategies, one per market, refusing a definition that cannot run (naming the field). */
public final class BotFactory {

    /** One market's strategy and lot (E8). */
    public record Built(String market, Strategy strategy, long lot) {
    }

    private final Strategies strategies;
    private final Map<String, Integer> szDecimals;

    /** @param szDecimals the size decimals of each market the platform knows (lot = 10^-szDecimals) */
    public BotFactory(Strategies strategies, Map<String, Integer> szDecimals) {
        this.strategies = strategies;
        this.szDecimals = Map.copyOf(szDecimals);
        szDecimals.forEach((market, d) -> lotOf(d));
    }

    public Strategies strategies() {
        return strategies;
    }

    /** The lot (E8) of a market with the given size decimals: 10^(8 - szDecimals). */
    public static long lotOf(int szDecimals) {
        if (szDecimals < 0 || szDecimals > Fixed.SCALE) {
            throw new IllegalArgumentException("size decimals must be between 0 and " + Fixed.SCALE + ", got "
                    + szDecimals);
        }
        long lot = 1;
        for (int i = szDecimals; i < Fixed.SCALE; i++) {
            lot *= 10;
        }
        return lot;
    }

    public Map<String, Built> build(BotDefinition def) {
        StrategyFactory factory = strategies.factory(def.strategy());
        for (String market : def.overrides().keySet()) {
            if (!def.markets().contains(market)) {
                throw new InvalidDefinitionException("overrides." + market, "is not one of the bot's markets");
            }
        }
        Map<String, Built> out = new LinkedHashMap<>();
        for (int i = 0; i < def.markets().size(); i++) {
            String market = def.markets().get(i);
            Integer decimals = szDecimals.get(market);
            if (decimals == null) {
                throw new InvalidDefinitionException("markets[" + i + "]", "names " + market
                        + ", a market without quoting.sz-decimals (known: " + new java.util.TreeSet<>(szDecimals.keySet())
                        + ")");
            }
            long lot = lotOf(decimals);
            Params params = new Params(def.params(), def.overridesOf(market), market);
            Strategy strategy;
            try {
                strategy = factory.create(params, lot);
            } catch (InvalidDefinitionException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidDefinitionException("params", "are invalid for " + market + ": " + e.getMessage());
            }
            params.rejectUnknown();
            out.put(market, new Built(market, strategy, lot));
        }
        return out;
    }
}
