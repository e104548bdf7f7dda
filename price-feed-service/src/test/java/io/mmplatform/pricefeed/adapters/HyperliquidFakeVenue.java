package io.mmplatform.pricefeed.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for Hyperliquid's market-data endpoints, on Vert.x (on the test classpath through Quarkus):
 * WebSocket {@code /ws} answering subscribe with {@code subscriptionResponse} and ping with pong (both can be
 * switched off), plus {@code POST /info {"type":"allMids"}}. Tests push channel messages with {@link #broadcast}.
 */
public final class HyperliquidFakeVenue implements AutoCloseable {

    /** One accepted WebSocket connection and the text messages it sent. */
    static final class Client {
        final ServerWebSocket ws;
        final List<String> received = new CopyOnWriteArrayList<>();

        Client(ServerWebSocket ws) {
            this.ws = ws;
        }

        List<String> subscriptions() {
            return received.stream().filter(m -> m.contains("\"subscribe\"")).toList();
        }

        long pings() {
            return received.stream().filter(m -> m.contains("\"ping\"")).count();
        }
    }

    volatile boolean acceptWebSockets = true;
    volatile boolean answerPings = true;
    public volatile String restAllMids = "{}";
    final List<Client> clients = new CopyOnWriteArrayList<>();
    final List<String> infoBodies = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    public HyperliquidFakeVenue() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(req -> {
                    // upgrades are taken here rather than by a webSocketHandler: after a Quarkus test app has run in
                    // the same JVM, Vert.x hands WebSocket upgrades to the request handler
                    if (req.path().equals("/ws") && "websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
                        if (!acceptWebSockets) {
                            req.response().setStatusCode(503).end();
                            return;
                        }
                        req.toWebSocket().onSuccess(this::accept);
                        return;
                    }
                    if (!req.path().equals("/info") || !req.method().name().equals("POST")) {
                        req.response().setStatusCode(404).end();
                        return;
                    }
                    req.body().onSuccess(body -> {
                        infoBodies.add(body.toString());
                        req.response().putHeader("Content-Type", "application/json").end(restAllMids);
                    });
                });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public URI wsUrl() {
        return URI.create("ws://127.0.0.1:" + server.actualPort() + "/ws");
    }

    public URI restUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    public int connections() {
        return clients.size();
    }

    Client client(int index) {
        return clients.get(index);
    }

    Client last() {
        return clients.get(clients.size() - 1);
    }

    /** Sends one text message to every open connection. */
    public void broadcast(String text) {
        for (Client c : clients) {
            if (!c.ws.isClosed()) {
                c.ws.writeTextMessage(text);
            }
        }
    }

    /** Closes every open connection, as the venue does on a restart. */
    public void dropAll() {
        for (Client c : clients) {
            if (!c.ws.isClosed()) {
                c.ws.close((short) 1001, "dropped by the venue");
            }
        }
    }

    private void accept(ServerWebSocket ws) {
        if (!ws.path().equals("/ws") || !acceptWebSockets) {
            ws.reject(503);
            return;
        }
        Client client = new Client(ws);
        clients.add(client);
        ws.textMessageHandler(text -> {
            client.received.add(text);
            JsonNode msg;
            try {
                msg = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                ws.writeTextMessage("{\"channel\":\"error\",\"data\":\"Invalid message\"}");
                return;
            }
            String method = msg.path("method").asText("");
            if (method.equals("ping")) {
                if (answerPings) {
                    ws.writeTextMessage("{\"channel\":\"pong\"}");
                }
            } else if (method.equals("subscribe")) {
                ObjectNode ack = Json.MAPPER.createObjectNode();
                ack.put("channel", "subscriptionResponse");
                ack.putObject("data").put("method", "subscribe").set("subscription", msg.get("subscription"));
                ws.writeTextMessage(ack.toString());
            }
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
