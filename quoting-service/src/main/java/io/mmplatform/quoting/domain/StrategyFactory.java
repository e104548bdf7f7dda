package io.mmplatform.quoting.domain;

/**
 * Builds one strategy instance for one (bot, market) from its parameters and the market's lot (E8). Reads every
 * parameter it uses through {@link Params}, which refuses a bad value naming its field.
 */
@FunctionalInterface
public interface StrategyFactory {
    Strategy create(Params params, long lot);
}
