package io.mmplatform.ops.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.Decimals;
import io.mmplatform.common.codec.Json;
import io.mmplatform.ops.quality.MarketQuality.Band;
import io.mmplatform.ops.quality.MarketQuality.MarketReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./mm quality} prints (a table) and writes with {@code --json} (the same numbers). Decimals are JSON
 * strings, as on every topic of the platform; a number that could not be computed (no samples) is null, and so is a
 * counter that is not available (n/a in the table).
 *
 * @param injective execution's Injective sequence and transaction counters over the window
 */
public record QualityReport(long fromMs, long toMs, MarketQuality.Settings settings, Map<String, Long> recordsPerTopic,
                            long undecodable, List<MarketReport> markets, InjectiveCounters.Report injective) {
    private static final String NA = "n/a";

    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("from", Instant.ofEpochMilli(fromMs).toString());
        root.put("to", Instant.ofEpochMilli(toMs).toString());
        root.put("maxSpreadBps", Decimals.plain(settings.maxSpreadBps()));
        root.put("minDepthUsd", Decimals.plain(settings.minDepthUsd()));
        ObjectNode records = root.putObject("records");
        recordsPerTopic.forEach(records::put);
        root.put("undecodable", undecodable);
        ObjectNode markets = root.putObject("markets");
        for (MarketReport m : this.markets) {
            ObjectNode node = markets.putObject(m.key());
            node.put("venue", m.venue());
            node.put("market", m.market());
            node.put("reference", m.reference());
            node.put("books", m.books());
            node.put("samples", m.samples());
            if (m.tracking() == null) {
                node.putNull("trackingErrorBps");
            } else {
                ObjectNode t = node.putObject("trackingErrorBps");
                t.put("samples", m.tracking().samples());
                t.put("p50", text(m.tracking().p50Bps()));
                t.put("p99", text(m.tracking().p99Bps()));
                t.put("max", text(m.tracking().maxBps()));
            }
            ObjectNode depth = node.putObject("depth");
            for (Band band : m.depth()) {
                ObjectNode b = depth.putObject(band.withinBps() + "bps");
                b.put("bidLevels", text(band.bidLevels()));
                b.put("askLevels", text(band.askLevels()));
                b.put("bidUsd", text(band.bidUsd()));
                b.put("askUsd", text(band.askUsd()));
            }
            node.put("twoSidedUptime", text(m.uptime()));
            node.put("liquidityScore", text(m.liquidityScore()));
            ObjectNode orders = node.putObject("orders");
            orders.put("acks", m.orders().acks());
            orders.put("rejects", m.orders().rejects());
            orders.put("successRate", text(m.orders().successRate()));
            ObjectNode reasons = orders.putObject("rejectsByReason");
            m.orders().rejectsByReason().forEach(reasons::put);
            ArrayNode wallets = node.putArray("wallets");
            m.wallets().forEach(wallets::add);
        }
        injectiveJson(root.putObject("injective"));
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the quality report", e);
        }
    }

    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append("market quality ").append(Instant.ofEpochMilli(fromMs)).append(" .. ").append(Instant.ofEpochMilli(toMs))
                .append(" (max spread ").append(Decimals.plain(settings.maxSpreadBps())).append(" bps, min depth ")
                .append(Decimals.plain(settings.minDepthUsd())).append(" USD); records ").append(recordsPerTopic);
        if (undecodable > 0) {
            out.append(", ").append(undecodable).append(" undecodable skipped");
        }
        out.append('\n');
        if (markets.isEmpty()) {
            return out.append("no venue book or order in the window\n").toString();
        }
        String row = "%-26s %-5s %6s %7s | %8s %8s %8s | %7s %12s | %10s %14s\n";
        out.append(String.format(row, "venue/market", "ref", "books", "samples", "te p50", "te p99", "te max", "uptime",
                "liq score", "orders ok", "acks/rejects"));
        for (MarketReport m : markets) {
            var t = m.tracking();
            out.append(String.format(row, m.key(), m.reference(), m.books(), m.samples(),
                    t == null ? "-" : text(t.p50Bps()), t == null ? "-" : text(t.p99Bps()), t == null ? "-" : text(t.maxBps()),
                    percent(m.uptime()), m.liquidityScore() == null ? "-" : text(m.liquidityScore()),
                    percent(m.orders().successRate()), m.orders().acks() + "/" + m.orders().rejects()));
        }
        out.append("\ndepth within N bps of the mid, average per sample (levels, USD notional)\n");
        String depthRow = "%-26s %6s | %10s %16s | %10s %16s\n";
        out.append(String.format(depthRow, "venue/market", "band", "bid levels", "bid USD", "ask levels", "ask USD"));
        for (MarketReport m : markets) {
            for (Band b : m.depth()) {
                out.append(String.format(depthRow, m.key(), b.withinBps() + "bps", dash(b.bidLevels()), dash(b.bidUsd()),
                        dash(b.askLevels()), dash(b.askUsd())));
            }
        }
        boolean anyReject = markets.stream().anyMatch(m -> !m.orders().rejectsByReason().isEmpty());
        if (anyReject) {
            out.append("\nrejects by reason (first ").append(MarketQuality.REASON_PREFIX).append(" characters)\n");
            for (MarketReport m : markets) {
                m.orders().rejectsByReason().forEach((reason, count) ->
                        out.append(String.format("%-26s %6d  %s\n", m.key(), count, reason)));
            }
        }
        injectiveTable(out);
        out.append("\nte = tracking error of the venue mid to the reference (ref), bps; uptime = two-sided time share\n");
        return out.toString();
    }

    /** Sequence errors and recoveries, and transactions by outcome, per wallet and in total; n/a when unavailable. */
    private void injectiveTable(StringBuilder out) {
        out.append("\ninjective sequence errors and recoveries, transactions by outcome (increase over the window)");
        if (injective == null || !injective.available()) {
            out.append(": ").append(NA);
            if (injective != null) {
                out.append(" (").append(injective.unavailable()).append(')');
            }
            out.append('\n');
            return;
        }
        out.append(", from ").append(String.join(", ", injective.sources()));
        if (!injective.unreadable().isEmpty()) {
            out.append(" (left out, unreadable: ").append(String.join(", ", injective.unreadable())).append(')');
        }
        out.append('\n');
        List<String> outcomes = injective.total().txs() == null ? List.of()
                : List.copyOf(injective.total().txs().keySet());
        StringBuilder header = new StringBuilder(String.format("%-10s %-32s %10s %10s |", "wallet", "markets",
                "seq errors", "recovered"));
        if (outcomes.isEmpty()) {
            header.append(" txs ").append(NA);
        }
        outcomes.forEach(o -> header.append(String.format(" %9s", o)));
        out.append(header).append('\n');
        Map<String, Set<String>> marketsByWallet = InjectiveCounters.marketsByWallet(markets);
        injective.wallets().forEach((wallet, counts) -> out.append(countsRow(wallet,
                String.join(",", marketsByWallet.getOrDefault(wallet, Set.of())), counts, outcomes)));
        out.append(countsRow("total", "", injective.total(), outcomes));
    }

    private static String countsRow(String wallet, String marketList, InjectiveCounters.Counts counts,
                                    List<String> outcomes) {
        StringBuilder row = new StringBuilder(String.format("%-10s %-32s %10s %10s |", wallet,
                marketList.isEmpty() ? "-" : marketList, count(counts.mismatches()), count(counts.recoveries())));
        for (String outcome : outcomes) {
            row.append(String.format(" %9s", counts.txs() == null ? NA : count(counts.txs().get(outcome))));
        }
        return row.append('\n').toString();
    }

    private void injectiveJson(ObjectNode node) {
        if (injective == null || !injective.available()) {
            node.put("available", false);
            node.put("unavailable", injective == null ? "not read" : injective.unavailable());
            return;
        }
        node.put("available", true);
        ArrayNode sources = node.putArray("sources");
        injective.sources().forEach(sources::add);
        ArrayNode unreadable = node.putArray("unreadable");
        injective.unreadable().forEach(unreadable::add);
        Map<String, Set<String>> marketsByWallet = InjectiveCounters.marketsByWallet(markets);
        ObjectNode wallets = node.putObject("wallets");
        injective.wallets().forEach((wallet, counts) -> {
            ObjectNode w = wallets.putObject(wallet);
            ArrayNode list = w.putArray("markets");
            marketsByWallet.getOrDefault(wallet, Set.of()).forEach(list::add);
            countsJson(w, counts);
        });
        countsJson(node.putObject("total"), injective.total());
    }

    /** Counts as JSON numbers; null when the counter is not available. */
    private static void countsJson(ObjectNode node, InjectiveCounters.Counts counts) {
        node.put("sequenceMismatches", counts.mismatches());
        node.put("sequenceRecoveries", counts.recoveries());
        if (counts.txs() == null) {
            node.putNull("txs");
        } else {
            ObjectNode txs = node.putObject("txs");
            counts.txs().forEach(txs::put);
        }
    }

    private static String count(Long value) {
        return value == null ? NA : value.toString();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String dash(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }

    private static String percent(BigDecimal fraction) {
        return fraction == null ? "-" : fraction.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP) + "%";
    }
}
