package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.QuoteIntent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The markets of one venue (from its metadata) and the rounding of desired orders onto their tick and lot. */
public final class VenueRules {
    private final Map<String, MarketSpec> byName;
    private final Map<Integer, MarketSpec> byAsset;

    public VenueRules(Collection<MarketSpec> markets) {
        Map<String, MarketSpec> names = new LinkedHashMap<>();
        Map<Integer, MarketSpec> assets = new LinkedHashMap<>();
        for (MarketSpec m : markets) {
            names.put(m.name(), m);
            assets.put(m.assetIndex(), m);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byAsset = Collections.unmodifiableMap(assets);
    }

    public Optional<MarketSpec> market(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<MarketSpec> asset(int assetIndex) {
        return Optional.ofNullable(byAsset.get(assetIndex));
    }

    public Collection<MarketSpec> markets() {
        return byName.values();
    }

    /**
     * The intent's orders on the venue's grid: bids rounded down, asks rounded up, sizes rounded down;
     * an order whose size rounds to zero is dropped.
     *
     * @throws IllegalArgumentException if the venue does not list the intent's market
     */
    public List<TargetOrder> round(QuoteIntent intent) {
        MarketSpec spec = market(intent.market()).orElseThrow(() -> new IllegalArgumentException(
                "market '" + intent.market() + "' is not listed by the venue; known: " + byName.keySet()));
        List<TargetOrder> out = new ArrayList<>(intent.orders().size());
        for (DesiredOrder d : intent.orders()) {
            var size = spec.roundSize(d.size());
            if (size.signum() <= 0) {
                continue;
            }
            out.add(new TargetOrder(d.levelId(), d.side(), spec.roundPrice(d.side(), d.price()), size, d.tif()));
        }
        return out;
    }
}
