package io.mmplatform.risk.domain;

/**
 * A limit found breached.
 *
 * @param scope  the kill scope to engage (global, wallet:&lt;id&gt;, market:&lt;m&gt;)
 * @param limit  the name of the limit (max-deviation-bps, max-position, reference-staleness)
 * @param reason human-readable, naming the limit and the numbers
 */
public record Breach(String scope, String limit, String reason) {
}
