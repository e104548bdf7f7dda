package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.Decimals;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.InjectiveChain;
import io.mmplatform.simulator.domain.InjectiveMarket;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.PriceTick;
import io.mmplatform.simulator.domain.ResidentBook;
import io.mmplatform.simulator.domain.RestingOrder;
import io.mmplatform.simulator.domain.Side;
import io.mmplatform.simulator.domain.Simulation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** GET /sim/status: markets with reference and best prices, counts of orders, trades and accounts. */
@Path("/sim/status")
public class StatusResource {
    @Inject
    SimulatorRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String status() {
        Simulation sim = runtime.simulation();
        Map<String, PriceTick> refs = sim.latestByCoin();
        long takerOrders = sim.takerOrders();
        long takerSkips = sim.takerSkips();
        ObjectNode root = sim.withEngine(engine -> {
            ObjectNode r = Json.MAPPER.createObjectNode();
            r.put("mode", "paper");
            r.put("seed", runtime.settings().seed());
            r.put("signing", runtime.settings().mainnet() ? "mainnet" : "testnet");
            r.put("time", engine.lastTime());
            ArrayNode markets = r.putArray("markets");
            for (MarketSpec m : engine.markets()) {
                ObjectNode n = markets.addObject();
                PriceTick ref = refs.get(m.name());
                n.put("name", m.name());
                n.put("assetIndex", engine.assetIndex(m.name()));
                n.put("szDecimals", m.szDecimals());
                n.put("feedId", m.feedId());
                n.put("referencePrice", Decimals.plain(ref.price()));
                n.put("referenceTime", ref.publishTimeMs());
                long bid = engine.bestTicks(m.name(), Side.BID);
                long ask = engine.bestTicks(m.name(), Side.ASK);
                if (bid == 0) {
                    n.putNull("bestBid");
                } else {
                    n.put("bestBid", Decimals.plain(m.price(bid)));
                }
                if (ask == 0) {
                    n.putNull("bestAsk");
                } else {
                    n.put("bestAsk", Decimals.plain(m.price(ask)));
                }
                n.put("openOrders", engine.openOrderCount(m.name()));
                n.put("trades", engine.trades(m.name()));
                resident(n, sim, m);
            }
            ObjectNode orders = r.putObject("orders");
            orders.put("accepted", engine.ordersAccepted());
            orders.put("rejected", engine.ordersRejected());
            orders.put("open", engine.openOrderCount());
            orders.put("cancels", engine.cancels());
            orders.put("takerOrders", takerOrders);
            orders.put("takerSkips", takerSkips);
            r.put("trades", engine.trades());
            r.put("accounts", engine.accountCount());
            return r;
        });
        root.putPOJO("takerAddresses", sim.takerAddresses());
        root.put("residentAddress", ResidentBook.ADDRESS);
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            root.putNull("injective");
        } else {
            ObjectNode inj = root.putObject("injective");
            inj.put("chainId", chain.settings().chainId());
            inj.put("blockTimeMs", chain.settings().blockTimeMs());
            inj.put("height", chain.height());
            inj.put("accounts", chain.accountCount());
            inj.put("mempool", chain.mempoolSize());
            inj.put("droppedBroadcasts", chain.droppedBroadcasts());
            inj.put("racedBroadcasts", chain.racedBroadcasts());
            ArrayNode markets = inj.putArray("markets");
            for (InjectiveMarket m : chain.markets()) {
                markets.addObject().put("marketId", m.marketId()).put("ticker", m.ticker())
                        .put("engineMarket", m.engineCoin());
            }
        }
        return root.toString();
    }

    /** The market's resident ladder: what was placed at start and what is left (null when the market has none). */
    private static void resident(ObjectNode market, Simulation sim, MarketSpec m) {
        ResidentBook book = sim.residentBook(m.name());
        if (book == null) {
            market.putNull("resident");
            return;
        }
        ObjectNode n = market.putObject("resident");
        n.put("centre", Decimals.plain(book.centre()));
        n.put("placed", book.orders().size());
        int bids = 0;
        int asks = 0;
        long bidLots = 0;
        long askLots = 0;
        for (RestingOrder o : sim.residentOrders(m.name())) {
            if (o.side() == Side.BID) {
                bids++;
                bidLots += o.remainingLots();
            } else {
                asks++;
                askLots += o.remainingLots();
            }
        }
        n.put("ordersLeft", bids + asks);
        n.put("bidsLeft", bids);
        n.put("asksLeft", asks);
        n.put("bidSizeLeft", Decimals.plain(m.size(bidLots)));
        n.put("askSizeLeft", Decimals.plain(m.size(askLots)));
    }
}
