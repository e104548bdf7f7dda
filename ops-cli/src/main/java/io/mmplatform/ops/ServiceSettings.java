package io.mmplatform.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** The paper-mode settings that tie the stack's processes to each other (URLs, files, database). */
final class ServiceSettings {

    static Map<String, String> forComponent(StackComponent component, String simulatorUrl, StackState state,
                                            PaperStack.Options options) {
        Map<String, String> settings = new LinkedHashMap<>();
        switch (component) {
            case VENUE_SIMULATOR -> settings.put("simulator.seed", String.valueOf(options.seed()));
            case PRICE_FEED -> {
                settings.put("price-feed.hermes.url", simulatorUrl);
                settings.put("price-feed.venue.url", simulatorUrl);
            }
            case EXECUTION -> {
                settings.put("execution.venue-url", simulatorUrl);
                settings.put("execution.wallets-file", state.walletsFile().toString());
            }
            case PORTFOLIO -> {
                settings.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + options.database());
                settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + options.database());
            }
            case QUOTING, RISK -> {
            }
        }
        return settings;
    }

    private ServiceSettings() {
    }
}
