package io.mmplatform.ops.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.Decimals;
import io.mmplatform.common.codec.Json;
import io.mmplatform.ops.quality.MarketQuality.Band;
import io.mmplatform.ops.quality.MarketQuality.MarketReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./mm quality} prints (a table) and writes with {@code --json} (the same numbers). Decimals are JSON
 * strings, as on every topic of the platform; a number that could not be computed (no samples) is null.
 */
public record QualityReport(long fromMs, long toMs, MarketQuality.Settings settings, Map<String, Long> recordsPerTopic,
                            long undecodable, List<MarketReport> markets) {

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
        }
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
        String row = "%-22s %6s %7s | %8s %8s %8s | %7s %12s | %10s %14s\n";
        out.append(String.format(row, "venue/market", "books", "samples", "te p50", "te p99", "te max", "uptime",
                "liq score", "orders ok", "acks/rejects"));
        for (MarketReport m : markets) {
            var t = m.tracking();
            out.append(String.format(row, m.key(), m.books(), m.samples(),
                    t == null ? "-" : text(t.p50Bps()), t == null ? "-" : text(t.p99Bps()), t == null ? "-" : text(t.maxBps()),
                    percent(m.uptime()), m.liquidityScore() == null ? "-" : text(m.liquidityScore()),
                    percent(m.orders().successRate()), m.orders().acks() + "/" + m.orders().rejects()));
        }
        out.append("\ndepth within N bps of the mid, average per sample (levels, USD notional)\n");
        String depthRow = "%-22s %6s | %10s %16s | %10s %16s\n";
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
                        out.append(String.format("%-22s %6d  %s\n", m.key(), count, reason)));
            }
        }
        out.append("\nte = tracking error of the venue mid to the reference, bps; uptime = two-sided time share\n");
        return out.toString();
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
