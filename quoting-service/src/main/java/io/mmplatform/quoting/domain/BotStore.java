package io.mmplatform.quoting.domain;

import java.util.List;
import java.util.Map;

/** Where the registry keeps the bots created through the API and which bots run, with their summaries. */
public interface BotStore {

    /**
     * Which bots ran and what they did, as of the last save.
     *
     * @param snapshots bot -> market -> the strategy's saved state ({@link Strategy#snapshot()})
     */
    record State(Map<String, Boolean> running, Map<String, BotSummary.Snapshot> summaries,
                 Map<String, Map<String, String>> snapshots) {
        public State {
            running = Map.copyOf(running);
            summaries = Map.copyOf(summaries);
            Map<String, Map<String, String>> copy = new java.util.LinkedHashMap<>();
            snapshots.forEach((bot, markets) -> copy.put(bot, Map.copyOf(markets)));
            snapshots = Map.copyOf(copy);
        }
    }

    /** The bots created through the API. */
    List<BotDefinition> loadDefinitions();

    void saveDefinition(BotDefinition definition);

    void deleteDefinition(String id);

    /** The saved state, or an empty one on a first start. */
    State loadState();

    /** Replaces the saved state atomically (a crash leaves the old or the new one, never a mix). */
    void saveState(State state);
}
