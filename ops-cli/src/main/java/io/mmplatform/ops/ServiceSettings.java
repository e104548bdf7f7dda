package io.mmplatform.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** The paper-mode settings that tie the stack's processes to each other (URLs, files, database). */
final class ServiceSettings {

    /** The execution.instance-id of an execution replica in the paper stack: execution-0, execution-1, ... */
    static String executionInstanceId(int replica) {
        return "execution-" + replica;
    }

    static Map<String, String> forComponent(StackComponent component, int replica, String simulatorUrl,
                                            StackState state, PaperStack.Options options) {
        Map<String, String> settings = new LinkedHashMap<>();
        switch (component) {
            case VENUE_SIMULATOR -> settings.put("simulator.seed", String.valueOf(options.seed()));
            case PRICE_FEED -> {
                settings.put("price-feed.hermes.url", simulatorUrl);
                settings.put("price-feed.venue.url", simulatorUrl);
            }
            case EXECUTION -> {
                // every replica loads all wallets from one file; the consumer group decides which it sends for
                settings.put("execution.venue-url", simulatorUrl);
                settings.put("execution.wallets-file", state.walletsFile().toString());
                // names the replica in the consumer group (kafka-consumer-groups --describe shows who owns what)
                settings.put("mp.messaging.incoming.quote-intents.client.id", executionInstanceId(replica));
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
     * unknown -D key under a mapped prefix fails its start-up.
     */
    static Map<String, String> environmentFor(StackComponent component, int replica, StackState state) {
        Map<String, String> env = new LinkedHashMap<>();
        if (component == StackComponent.EXECUTION) {
            env.put(envName("execution.instance-id"), executionInstanceId(replica));
            // one state directory for all replicas: a wallet's new owner continues from the old owner's nonce mark
            env.put(envName("execution.state-dir"), state.runDir().resolve("execution-state").toString());
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
