package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.Decimals;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.simulator.domain.RateLimits;
import io.mmplatform.simulator.domain.Account;
import io.mmplatform.simulator.domain.L2Level;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.MatchingEngine;
import io.mmplatform.simulator.domain.Position;
import io.mmplatform.simulator.domain.PriceTick;
import io.mmplatform.simulator.domain.RestingOrder;
import io.mmplatform.simulator.domain.Side;
import io.mmplatform.simulator.domain.Simulation;
import io.mmplatform.simulator.domain.UserFill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperliquid's POST /info: meta, allMids, l2Book, openOrders (and frontendOpenOrders), userFills,
 * userFillsByTime, clearinghouseState. Decimals are strings; an address is matched in lowercase.
 */
public final class HyperliquidInfo {
    static final int L2_DEPTH = 20;
    static final int MAX_FILLS = 2000;

    private final Simulation simulation;
    private final RateLimits limits;
    private final HyperliquidExchange.Listener listener;

    public HyperliquidInfo(Simulation simulation, RateLimits limits, HyperliquidExchange.Listener listener) {
        this.simulation = simulation;
        this.limits = limits;
        this.listener = listener;
    }

    /** Answers one request of a client at this IP; its weight is taken from the IP's budget first (429 if short). */
    public HttpAnswer handle(String body, long now, String ip) {
        JsonNode req;
        try {
            req = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return HttpAnswer.unreadable();
        }
        if (req == null || !req.isObject() || !req.path("type").isTextual()) {
            return HttpAnswer.unreadable();
        }
        String type = req.get("type").textValue();
        if (!limits.allowIp(ip, RateLimits.infoWeight(type), now)) {
            listener.rateLimited("ip");
            return HttpAnswer.tooManyRequests();
        }
        JsonNode answer = switch (type) {
            case "meta" -> meta();
            case "allMids" -> simulation.withEngine(this::allMids);
            case "l2Book" -> req.path("coin").isTextual() ? l2Book(req.get("coin").textValue(), now) : null;
            case "openOrders", "frontendOpenOrders" -> user(req) == null ? null : openOrders(user(req));
            case "userFills" -> user(req) == null ? null : userFills(user(req), Long.MIN_VALUE, Long.MAX_VALUE, false);
            case "userFillsByTime" -> user(req) == null || !req.path("startTime").canConvertToLong() ? null
                    : userFills(user(req), req.get("startTime").longValue(),
                    req.path("endTime").canConvertToLong() ? req.get("endTime").longValue() : Long.MAX_VALUE, true);
            case "clearinghouseState" -> user(req) == null ? null : clearinghouseState(user(req), now);
            default -> null;
        };
        if (answer == null) {
            return HttpAnswer.unreadable();
        }
        if (answer.isArray()) {
            limits.chargeIp(ip, RateLimits.infoItemsWeight(type, answer.size()), now);
        }
        return HttpAnswer.json(answer.toString());
    }

    private static String user(JsonNode req) {
        JsonNode u = req.get("user");
        if (u == null || !u.isTextual() || !u.textValue().matches("0[xX][0-9a-fA-F]{40}")) {
            return null;
        }
        return u.textValue().toLowerCase(Locale.ROOT);
    }

    private JsonNode meta() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode universe = root.putArray("universe");
        for (MarketSpec m : simulation.markets()) {
            ObjectNode a = universe.addObject();
            a.put("szDecimals", m.szDecimals());
            a.put("name", m.name());
            a.put("maxLeverage", m.maxLeverage());
        }
        return root;
    }

    private JsonNode allMids(MatchingEngine engine) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        Map<String, PriceTick> refs = simulation.latestByCoin();
        for (MarketSpec m : simulation.markets()) {
            root.put(m.name(), plain(mid(engine, m, refs.get(m.name()))));
        }
        return root;
    }

    /** Book mid when both sides exist, else the reference rounded to a valid venue price. */
    static BigDecimal mid(MatchingEngine engine, MarketSpec m, PriceTick ref) {
        long bid = engine.bestTicks(m.name(), Side.BID);
        long ask = engine.bestTicks(m.name(), Side.ASK);
        if (bid != 0 && ask != 0) {
            return m.price(bid).add(m.price(ask)).divide(BigDecimal.valueOf(2));
        }
        return HyperliquidWire.roundPrice(ref.price(), m.szDecimals(), true, RoundingMode.HALF_EVEN);
    }

    private JsonNode l2Book(String coin, long now) {
        return simulation.withEngine(engine -> engine.market(coin) == null ? Json.MAPPER.nullNode()
                : l2BookJson(engine, coin, Math.max(now, engine.lastTime())));
    }

    /** The venue's l2Book shape: {coin, time, levels: [[bids], [asks]]}, each level {px, sz, n}. */
    static ObjectNode l2BookJson(MatchingEngine engine, String coin, long time) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("coin", coin);
        root.put("time", time);
        ArrayNode levels = root.putArray("levels");
        for (Side side : List.of(Side.BID, Side.ASK)) {
            ArrayNode arr = levels.addArray();
            for (L2Level l : engine.levels(coin, side, L2_DEPTH)) {
                ObjectNode level = arr.addObject();
                level.put("px", plain(l.px()));
                level.put("sz", plain(l.sz()));
                level.put("n", l.n());
            }
        }
        return root;
    }

    private JsonNode openOrders(String user) {
        return simulation.withEngine(engine -> {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (RestingOrder o : engine.openOrders(user)) {
                MarketSpec m = engine.market(o.coin());
                ObjectNode n = arr.addObject();
                n.put("coin", o.coin());
                n.put("limitPx", plain(m.price(o.priceTicks())));
                n.put("oid", o.oid());
                n.put("side", o.side().code());
                n.put("sz", plain(m.size(o.remainingLots())));
                n.put("timestamp", o.timestampMs());
                n.put("origSz", plain(m.size(o.origLots())));
                if (o.cloid() != null) {
                    n.put("cloid", o.cloid());
                }
            }
            return arr;
        });
    }

    private JsonNode userFills(String user, long from, long to, boolean oldestFirst) {
        return simulation.withEngine(engine -> {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            Account account = engine.existingAccount(user);
            if (account == null) {
                return arr;
            }
            List<UserFill> fills = account.fills().stream().filter(f -> f.time() >= from && f.time() <= to).toList();
            if (oldestFirst) {
                fills = new java.util.ArrayList<>(fills);
                java.util.Collections.reverse(fills);
            }
            for (UserFill f : fills.subList(0, Math.min(MAX_FILLS, fills.size()))) {
                fillJson(f, arr.addObject());
            }
            return arr;
        });
    }

    /** One fill in the venue's userFills shape, written into n. */
    static ObjectNode fillJson(UserFill f, ObjectNode n) {
        n.put("coin", f.coin());
        n.put("px", plain(f.px()));
        n.put("sz", plain(f.sz()));
        n.put("side", f.side().code());
        n.put("time", f.time());
        n.put("startPosition", plain(f.startPosition()));
        n.put("dir", f.dir());
        n.put("closedPnl", plain(f.closedPnl()));
        n.put("hash", f.hash());
        n.put("oid", f.oid());
        n.put("crossed", f.crossed());
        n.put("fee", plain(f.fee()));
        n.put("tid", f.tid());
        if (f.cloid() != null) {
            n.put("cloid", f.cloid());
        }
        n.put("feeToken", "USDC");
        return n;
    }

    private JsonNode clearinghouseState(String user, long now) {
        Map<String, PriceTick> refs = simulation.latestByCoin();
        return simulation.withEngine(engine -> {
            Account account = engine.existingAccount(user);
            BigDecimal balance = account == null ? engine.settings().paperBalance() : account.balance();
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode positions = root.putArray("assetPositions");
            BigDecimal upnlSum = BigDecimal.ZERO;
            BigDecimal ntlSum = BigDecimal.ZERO;
            BigDecimal signedNtl = BigDecimal.ZERO;
            BigDecimal marginSum = BigDecimal.ZERO;
            if (account != null) {
                for (Position p : account.positions()) {
                    if (p.lots() == 0) {
                        continue;
                    }
                    MarketSpec m = p.market();
                    BigDecimal mark = refs.get(m.name()).price();
                    BigDecimal value = p.size().abs().multiply(mark);
                    BigDecimal upnl = p.unrealizedPnl(mark);
                    BigDecimal margin = value.divide(BigDecimal.valueOf(m.maxLeverage()), 6, RoundingMode.HALF_EVEN);
                    upnlSum = upnlSum.add(upnl);
                    ntlSum = ntlSum.add(value);
                    signedNtl = signedNtl.add(p.size().multiply(mark));
                    marginSum = marginSum.add(margin);
                    ObjectNode wrapper = positions.addObject();
                    wrapper.put("type", "oneWay");
                    ObjectNode pos = wrapper.putObject("position");
                    pos.put("coin", m.name());
                    pos.put("szi", plain(p.size()));
                    ObjectNode lev = pos.putObject("leverage");
                    lev.put("type", "cross");
                    lev.put("value", m.maxLeverage());
                    pos.put("entryPx", plain(p.entryPx()));
                    pos.put("positionValue", usd(value));
                    pos.put("unrealizedPnl", usd(upnl));
                    pos.put("returnOnEquity", margin.signum() == 0 ? "0"
                            : plain(upnl.divide(margin, 8, RoundingMode.HALF_EVEN)));
                    pos.putNull("liquidationPx");
                    pos.put("marginUsed", usd(margin));
                    pos.put("maxLeverage", m.maxLeverage());
                    ObjectNode funding = pos.putObject("cumFunding");
                    funding.put("allTime", "0");
                    funding.put("sinceOpen", "0");
                    funding.put("sinceChange", "0");
                }
            }
            BigDecimal accountValue = balance.add(upnlSum);
            for (String key : List.of("marginSummary", "crossMarginSummary")) {
                ObjectNode s = root.putObject(key);
                s.put("accountValue", usd(accountValue));
                s.put("totalNtlPos", usd(ntlSum));
                s.put("totalRawUsd", usd(accountValue.subtract(signedNtl)));
                s.put("totalMarginUsed", usd(marginSum));
            }
            root.put("crossMaintenanceMarginUsed", usd(marginSum.divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_EVEN)));
            root.put("withdrawable", usd(accountValue.subtract(marginSum).max(BigDecimal.ZERO)));
            root.put("time", Math.max(now, engine.lastTime()));
            return root;
        });
    }

    static String plain(BigDecimal value) {
        return Decimals.plain(value);
    }

    private static String usd(BigDecimal value) {
        return Decimals.plain(value.setScale(6, RoundingMode.HALF_EVEN));
    }
}
