package io.mmplatform.execution.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Latest-wins filter for level-triggered intents: per (wallet, market), an intent is accepted only if its seq is
 * higher than every one accepted before. Thread-safe.
 */
public final class IntentSequencer {
    private final Map<String, Long> lastSeq = new HashMap<>();

    public synchronized boolean accept(String walletId, String market, long seq) {
        String key = walletId + "/" + market;
        Long last = lastSeq.get(key);
        if (last != null && seq <= last) {
            return false;
        }
        lastSeq.put(key, seq);
        return true;
    }
}
