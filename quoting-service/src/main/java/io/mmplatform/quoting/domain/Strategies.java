package io.mmplatform.quoting.domain;

import io.mmplatform.quoting.domain.strategy.AvellanedaStoikovStrategy;
import io.mmplatform.quoting.domain.strategy.GridStrategy;
import io.mmplatform.quoting.domain.strategy.MakerControls;
import io.mmplatform.quoting.domain.strategy.MirrorStrategy;
import io.mmplatform.quoting.domain.strategy.SpreadLadderStrategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The strategy types a bot definition may name, each with its factory. */
public final class Strategies {
    private final Map<String, StrategyFactory> factories;

    public Strategies(Map<String, StrategyFactory> factories) {
        this.factories = Map.copyOf(new LinkedHashMap<>(factories));
    }

    /**
     * The platform's strategies: ladder, mirror, grid and avellaneda-stoikov, each wrapped in the maker controls
     * (which pass the strategy through unchanged when no control parameter is set).
     */
    public static Strategies standard() {
        Map<String, StrategyFactory> map = new LinkedHashMap<>();
        map.put(SpreadLadderStrategy.TYPE, withControls(SpreadLadderStrategy::create));
        map.put(MirrorStrategy.TYPE, withControls(MirrorStrategy::create));
        map.put(GridStrategy.TYPE, withControls(GridStrategy::create));
        map.put(AvellanedaStoikovStrategy.TYPE, withControls(AvellanedaStoikovStrategy::create));
        return new Strategies(map);
    }

    /** A factory whose strategy is wrapped in the maker controls its parameters configure. */
    public static StrategyFactory withControls(StrategyFactory inner) {
        return (params, lot) -> MakerControls.wrap(inner.create(params, lot), params, lot);
    }

    public Set<String> types() {
        return new TreeSet<>(factories.keySet());
    }

    /** The factory of a type; refuses an unknown type naming the field {@code strategy}. */
    public StrategyFactory factory(String type) {
        StrategyFactory factory = type == null ? null : factories.get(type);
        if (factory == null) {
            throw new InvalidDefinitionException("strategy", "must be one of " + types() + ", got '" + type + "'");
        }
        return factory;
    }
}
