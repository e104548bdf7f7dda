package io.mmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks the end-to-end tests rely on must be able to fail. */
class LogScanTest {

    @Test
    void errorsAndExceptionsAreFoundWithTheirStackButTheAllowListIsNot() {
        List<String> log = List.of(
                "10:00:00.000 INFO  [i.m.e.a.ExecutionService] (main) started",
                "10:00:01.000 WARN  [i.m.e.a.WalletWorker] (w1) wallet w1: order request outcome unknown (java.io.IOException: closed); the settle loop will find out",
                "10:00:02.000 WARN  [i.m.e.a.WalletWorker] (w1) wallet w1: order request refused: HTTP 429 Too many requests",
                "10:00:02.500 WARN  [i.m.e.a.WalletWorker] (w1) wallet w1: cancel request failed (POST http://x/exchange failed: java.io.IOException: HTTP/1.1 header parser received no bytes)",
                "10:00:03.000 WARN  [i.s.r.m.kafka] (vert.x) SRMSG18XXX: nacked, sending the record to a dead letter topic quote.intents.dlq",
                "10:00:04.000 ERROR [i.m.e.a.WalletWorker] (w1) wallet w1: settle failed",
                "java.lang.IllegalStateException: boom",
                "\tat io.mmplatform.X.y(X.java:1)",
                "10:00:05.000 WARN  [i.m.e.a.WalletWorker] (w1) wallet w1: cancel request failed (java.lang.NullPointerException)",
                "10:00:06.000 WARN  [i.m.e.a.WalletWorker] (w1) wallet w1: re-sync from the venue failed: POST http://x/exchange failed: java.net.http.HttpTimeoutException: request timed out");
        List<String> found = LogScan.unexpected("execution-service-1.log", log);
        assertEquals(2, found.size(), String.join("\n", found));
        assertTrue(found.get(0).contains("settle failed") && found.get(0).contains("IllegalStateException: boom"), found.get(0));
        assertTrue(found.get(1).contains("NullPointerException"), found.get(1));

        List<String> otherFormat = LogScan.unexpected("portfolio-service.log", List.of(
                "2026-11-22 00:57:15,683 ERROR [io.mmplatform.portfolio.X] (loop) broken",
                "2026-11-22 00:56:10,013 WARN  [io.vertx.core.impl.BlockedThreadChecker] (vertx-blocked-thread-checker) Thread Thread[vert.x-eventloop-thread-0,5,main] has been blocked for 2137 ms, time limit is 2000 ms: io.vertx.core.VertxException: Thread blocked",
                "\tat java.base/java.lang.Thread.run(Thread.java:1583)"));
        assertEquals(1, otherFormat.size(), String.join("\n", otherFormat));
        assertTrue(otherFormat.get(0).contains("broken"), otherFormat.get(0));

        List<String> elsewhere = LogScan.unexpected("price-feed-service.log", List.of(
                "10:00:01.000 WARN  [x] (t) poll failed: HTTP 429 then java.io.IOException"));
        assertEquals(1, elsewhere.size(), "execution's allowances are execution's only");
    }

    @Test
    void duplicatesAtOneLevelAndOverfullMarketsAreViolations() throws Exception {
        JsonNode orders = Json.MAPPER.readTree("""
                [{"coin":"BTC","side":"B","limitPx":"100.0","oid":1},{"coin":"BTC","side":"B","limitPx":"100","oid":2},
                 {"coin":"BTC","side":"A","limitPx":"100","oid":3},{"coin":"ETH","side":"B","limitPx":"10","oid":4}]""");
        List<String> found = OpenOrderSampler.check("w1", orders, 2);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith("w1: 2 open orders at BTC B @ 100")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith("w1: 3 open orders on BTC")), found.toString());
        JsonNode ladder = Json.MAPPER.readTree("""
                [{"coin":"BTC","side":"B","limitPx":"100","oid":1},{"coin":"BTC","side":"B","limitPx":"99","oid":2},
                 {"coin":"BTC","side":"A","limitPx":"100","oid":3}]""");
        assertEquals(List.of(), OpenOrderSampler.check("w1", ladder, 3));
        assertEquals(1, OpenOrderSampler.check("w1", ladder, 2).size());
    }
}
