package io.mmplatform.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** The paper-mode settings that tie the stack's processes to each other (URLs, files, database). */
final class ServiceSettings {
    /** The chain the simulator's Injective dialect runs by default (testnet's, as the paper stack stands in for it). */
    static final String INJECTIVE_CHAIN_ID = "injective-888";

    /** The execution.instance-id of an execution replica in the paper stack: execution-0, execution-1, ... */
    static String executionInstanceId(int replica) {
        return "execution-" + replica;
    }

    static Map<String, String> forComponent(StackComponent component, int replica, String simulatorUrl,
                                            StackState state, PaperStack.Options options) {
        Map<String, String> settings = new LinkedHashMap<>();
        switch (component) {
            case VENUE_SIMULATOR -> {
                settings.put("simulator.seed", String.valueOf(options.seed()));
                // INJ starts with a resident book 20% above the reference, for the default mirror bot
                // (deploy/bots/w1-inj-mirror.json) to walk down to it
                settings.put("simulator.market.INJ.resident.offset-pct", "20");
                settings.put("simulator.market.INJ.resident.levels", "10");
                settings.put("simulator.market.INJ.resident.size-notional", "300");
                // the Injective mirror: the dialect on, and both of its books (INJ/USDT, INJ/USDT PERP) 20% above the
                // reference as well, for the Injective mirror bots (deploy/bots/w*-inj-usdt*-mirror.json)
                settings.put("simulator.injective.enabled", "true");
                settings.put("simulator.injective.resident.offset-pct", "20");
                settings.put("simulator.injective.resident.levels", "10");
                settings.put("simulator.injective.resident.size-notional", "300");
            }
            case PRICE_FEED -> {
                settings.put("price-feed.hermes.url", simulatorUrl);
                settings.put("price-feed.venue.url", simulatorUrl);
            }
            case EXECUTION -> {
                // every replica loads all wallets from one file; the consumer group decides which it sends for
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

    /**
     * Settings passed as environment variables ({@code execution.state-dir} -> {@code EXECUTION_STATE_DIR}) rather
     * than -D: a service whose build does not know a key yet ignores an unknown environment variable, whereas an
     * unknown -D key under a mapped prefix fails its start-up. So are the Injective venue's settings of execution
     * and price-feed. A -D of {@link PaperStack.Options#extraProperties()} still wins over them.
     */
    static Map<String, String> environmentFor(StackComponent component, int replica, StackState state) {
        return environmentFor(component, replica, state, null);
    }

    /**
     * As {@link #environmentFor(StackComponent, int, StackState)}, with the repository root the stack runs from
     * (quoting reads its default bots from {@code <root>/deploy/bots}; none when root is null).
     */
    static Map<String, String> environmentFor(StackComponent component, int replica, StackState state,
                                              java.nio.file.Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        if (component == StackComponent.QUOTING) {
            if (root != null) {
                env.put(envName("quoting.bots-dir"), root.resolve("deploy").resolve("bots").toString());
            }
            // bots created through quoting's API, and which bots run, survive a restart of the stack's quoting
            env.put(envName("quoting.state-dir"), state.runDir().resolve("quoting-state").toString());
        }
        String simulatorUrl = "http://127.0.0.1:" + StackComponent.VENUE_SIMULATOR.port(state.portBase());
        if (component == StackComponent.EXECUTION) {
            env.put(envName("execution.instance-id"), executionInstanceId(replica));
            // one state directory for all replicas: a wallet's new owner continues from the old owner's nonce mark
            env.put(envName("execution.state-dir"), state.runDir().resolve("execution-state").toString());
            // the Injective venue: the simulator's dialect stands in for testnet (an execution without the
            // Injective adapter ignores these)
            env.put(envName("execution.injective.enabled"), "true");
            env.put(envName("execution.injective.lcd-url"), simulatorUrl);
            env.put(envName("execution.injective.chain-id"), INJECTIVE_CHAIN_ID);
        }
        if (component == StackComponent.PRICE_FEED) {
            // the Injective books (injective/INJ/USDT, injective/INJ/USDT-PERP) from the simulator's LCD onto
            // md.venue-book, for the mirror bots and ./mm quality
            env.put(envName("price-feed.injective-venue.enabled"), "true");
            env.put(envName("price-feed.injective-venue.lcd-url"), simulatorUrl);
        }
        return env;
    }

    /** MicroProfile Config's environment variable name of a key: upper case, other characters as '_'. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private ServiceSettings() {
    }
}
