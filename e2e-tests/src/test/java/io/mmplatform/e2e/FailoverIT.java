package io.mmplatform.e2e;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.ops.PaperStack;
import io.mmplatform.ops.PaperWallets;
import io.mmplatform.ops.StackComponent;
import io.mmplatform.ops.StackState;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.RecordCollector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two execution replicas share the wallets by the partitions of quote.intents. The replica that owns a wallet is
 * killed (SIGKILL, no graceful cancel); the other takes its wallets over within a minute and quotes for them, no
 * wallet ever shows duplicate orders on the venue, and a global kill afterwards leaves no orphan.
 */
class FailoverIT {
    private static final String GROUP = "execution-service";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_PER_MARKET = E2eStack.LEVELS_PER_SIDE * 2;

    private static PaperStack stack;
    private static StackState state;
    private static Path runDir;

    @BeforeAll
    static void startPaperStack() {
        runDir = E2eStack.freshRunDir("failover-run");
        stack = new PaperStack(System.out);
        state = stack.up(E2eStack.options(runDir, 20900, 2));
    }

    @AfterAll
    static void stopPaperStack() {
        if (stack != null) {
            stack.down(runDir);
        }
    }

    @Test
    void theSurvivorTakesOverTheDeadReplicasWalletsWithoutDuplicatesOrOrphans() throws Exception {
        VenueProbe venue = new VenueProbe(state.url(StackComponent.VENUE_SIMULATOR), state.url(StackComponent.PORTFOLIO));
        List<PaperWallets.Wallet> wallets = state.wallets();
        List<StackState.Running> replicas = state.replicas(StackComponent.EXECUTION);
        assertEquals(2, replicas.size(), "two execution replicas run");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, state.bootstrap()));
             RecordCollector fills = RecordCollector.open(state.bootstrap(), Topics.EXEC_FILLS, true);
             RecordCollector orders = RecordCollector.open(state.bootstrap(), Topics.EXEC_ORDERS, true);
             OpenOrderSampler sampler = new OpenOrderSampler(venue, wallets, MAX_PER_MARKET, Duration.ofSeconds(1))) {
            int partitions = admin.describeTopics(List.of(Topics.QUOTE_INTENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.QUOTE_INTENTS).partitions().size();
            Map<String, Integer> partitionOf = new HashMap<>();
            wallets.forEach(w -> partitionOf.put(w.id(), partition(w.id(), partitions)));

            // 1. both wallets quote and fill, and both replicas are in the group
            Await.until("every wallet quotes", Duration.ofSeconds(60), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) > 0));
            Await.until("every wallet fills", Duration.ofSeconds(120), POLL,
                    () -> wallets.stream().allMatch(w -> E2eStack.fillIdsByAddress(fills)
                            .getOrDefault(w.address().toLowerCase(), Set.of()).size() > 0));
            Await.until("both replicas own partitions of " + Topics.QUOTE_INTENTS, Duration.ofSeconds(60), POLL,
                    () -> owners(admin, partitions).values().stream().distinct().count() == 2);

            // 2. kill (SIGKILL) the replica that owns w1
            Map<Integer, Integer> owners = owners(admin, partitions);
            int victimReplica = owners.get(partitionOf.get(wallets.get(0).id()));
            Set<String> victimWallets = wallets.stream().filter(w -> owners.get(partitionOf.get(w.id())) == victimReplica)
                    .map(PaperWallets.Wallet::id).collect(Collectors.toSet());
            StackState.Running victim = replicas.stream().filter(r -> r.replica() == victimReplica).findFirst().orElseThrow();
            StackState.Running survivor = replicas.stream().filter(r -> r.replica() != victimReplica).findFirst().orElseThrow();
            System.out.printf("partitions of the wallets %s; owners %s; killing %s (instance %s) which owns %s%n",
                    partitionOf, owners, victim.name(), victim.instanceId(), victimWallets);
            ProcessHandle process = ProcessHandle.of(victim.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
            E2eStack.sleep(2_000); // let the collector catch up with whatever the victim produced before it died
            int eventsAtKill = orders.records().size();
            int samplesAtKill = sampler.samples();

            // 3. within a minute the survivor owns every wallet's partition and quotes for every wallet again
            Await.until("the survivor owns every wallet", Duration.ofSeconds(60), POLL, () -> {
                Map<Integer, Integer> now = owners(admin, partitions);
                return wallets.stream().allMatch(w -> Integer.valueOf(survivor.replica()).equals(now.get(partitionOf.get(w.id()))));
            });
            Await.until("new orders acknowledged for every wallet after the takeover", Duration.ofSeconds(60), POLL,
                    () -> ackedWallets(orders, eventsAtKill).containsAll(wallets.stream().map(PaperWallets.Wallet::id).toList()));
            Await.until("every wallet quotes after the takeover", Duration.ofSeconds(30), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) > 0));
            assertTrue(survivor.alive(), "the survivor still runs");

            // 4. keep trading a while under the new owner, then the global kill: nothing is left behind
            E2eStack.sleep(15_000);
            E2eStack.publishKill(state, KillState.ENGAGED, "failover test over");
            Await.until("no order of ours on the venue after the kill", Duration.ofSeconds(30), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) == 0));
            for (int i = 0; i < 20; i++) {
                E2eStack.sleep(250);
                for (PaperWallets.Wallet wallet : wallets) {
                    assertEquals(0, venue.openOrders(wallet.address()), "an order of " + wallet.id() + " reappeared during the kill");
                }
            }

            // 5. never a duplicate, before, during or after the takeover
            System.out.printf("open-order samples: %d taken, %d skipped%n", sampler.samples(), sampler.skipped());
            assertTrue(sampler.samples() - samplesAtKill >= 2 * 10,
                    "the venue was sampled through the takeover: " + (sampler.samples() - samplesAtKill) + " samples");
            assertEquals(List.of(), sampler.violations(),
                    "at most " + MAX_PER_MARKET + " open orders per wallet and market, none twice at one price");
        }
    }

    /** The partition of a wallet: Kafka's default partitioner on the key. */
    static int partition(String walletId, int partitions) {
        return Utils.toPositive(Utils.murmur2(walletId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** quote.intents partition -> the replica (by its client id execution-<i>) that owns it now. */
    private static Map<Integer, Integer> owners(Admin admin, int partitions) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(GROUP);
            Map<Integer, Integer> owners = new HashMap<>();
            for (MemberDescription member : group.members()) {
                String clientId = member.clientId();
                if (!clientId.startsWith("execution-")) {
                    throw new AssertionError("a member of " + GROUP + " that is not a paper replica: " + clientId);
                }
                int replica = Integer.parseInt(clientId.substring("execution-".length()).split("\\D", 2)[0]);
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    if (partition.topic().equals(Topics.QUOTE_INTENTS) && partition.partition() < partitions) {
                        owners.put(partition.partition(), replica);
                    }
                }
            }
            return owners;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the group " + GROUP + ": " + e, e);
        }
    }

    private static Set<String> ackedWallets(RecordCollector orders, int from) {
        return orders.records().stream().skip(from).map(r -> Codecs.ORDER_EVENT.decode(r.value()))
                .filter(e -> e.event() == OrderEventType.ACK).map(OrderEvent::walletId).collect(Collectors.toSet());
    }
}
