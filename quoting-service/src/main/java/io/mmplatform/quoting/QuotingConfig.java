package io.mmplatform.quoting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration under {@code quoting.*}. Defaults are in application.properties where they are maps or paths. */
@ConfigMapping(prefix = "quoting")
public interface QuotingConfig {

    /** The venue of a bot whose definition names none (its intents carry it; its books and fills are that venue's). */
    @WithDefault("hyperliquid")
    String venue();

    /** Re-emit an unchanged order set at least this often while quoting. */
    @WithDefault("2s")
    Duration heartbeat();

    /** A reference older than this (by its receive time) is not quoted on; quotes are pulled. */
    @WithDefault("10s")
    Duration maxReferenceAge();

    /** Size decimals of each market (its lot is 10^-szDecimals). */
    Map<String, Integer> szDecimals();

    /** A directory of bot definitions, one {@code *.json} file per bot (read-only); none if unset. */
    Optional<String> botsDir();

    /** Where bots created through the API and the running state are kept. */
    String stateDir();

    /** How often the summaries are saved to the state directory. */
    @WithDefault("10s")
    Duration saveEvery();

    /** The md.reference consumer: a plain Kafka consumer on its own thread (ADR 0015). */
    ReferenceConsumer mdReference();

    interface ReferenceConsumer {
        /** One group for all instances: each reference is quoted once. */
        @WithDefault("quoting-service")
        String groupId();

        /**
         * Where a new group starts: latest, since quoting from the topic's whole retention first would send intents
         * for prices hours old (execution drops them as stale) and hold up the live ones behind them.
         */
        @WithDefault("latest")
        String autoOffsetReset();
    }
}
