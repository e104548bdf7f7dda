package io.mmplatform.execution.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalletOwnershipTest {
    /** A fixed wallet -> partition table (of 8), so the test states the mapping it relies on. */
    private static final Map<String, Integer> PARTITION = Map.of("w1", 7, "w2", 2, "w3", 2, "w4", 0);

    private static WalletOwnership ownership() {
        return new WalletOwnership(List.of("w1", "w2", "w3", "w4"), (w, n) -> PARTITION.get(w) % n);
    }

    @Test
    void nothingIsOwnedBeforeTheFirstAssignment() {
        WalletOwnership o = ownership();
        assertFalse(o.owns("w1"));
        assertEquals(Set.of(), o.ownedWallets());
    }

    @Test
    void anAssignmentReportsTheWalletsGainedAndOnlyThose() {
        WalletOwnership o = ownership();
        assertEquals(List.of("w2", "w3"), o.assign(List.of(2, 3), 8));
        assertTrue(o.owns("w2") && o.owns("w3"));
        assertFalse(o.owns("w1"));
        // cooperative rebalancing adds partitions: only the new wallet is reported
        assertEquals(List.of("w1"), o.assign(List.of(7), 8));
        assertEquals(List.of(), o.assign(List.of(2), 8), "an already owned partition gains nothing");
        assertEquals(Set.of("w1", "w2", "w3"), o.ownedWallets());
    }

    @Test
    void aRevocationReportsTheWalletsLostAndStopsOwningThem() {
        WalletOwnership o = ownership();
        o.assign(List.of(0, 2, 7), 8);
        assertEquals(List.of("w2", "w3"), o.revoke(List.of(2, 5)));
        assertFalse(o.owns("w2"));
        assertTrue(o.owns("w1") && o.owns("w4"));
        assertEquals(List.of(), o.revoke(List.of(2)), "revoking twice loses nothing more");
        assertEquals(Set.of(0, 7), o.ownedPartitions());
    }

    @Test
    void walletsNotInTheWalletsFileAreNeverOwned() {
        WalletOwnership o = new WalletOwnership(List.of("w1"), (w, n) -> 0);
        o.assign(List.of(0), 1);
        assertTrue(o.owns("w1"));
        assertFalse(o.owns("w9"));
    }

    @Test
    void aPartitionOutsideTheTopicIsRefused() {
        WalletOwnership o = ownership();
        assertThrows(IllegalArgumentException.class, () -> o.assign(List.of(8), 8));
        assertThrows(IllegalArgumentException.class, () -> o.assign(List.of(0), 0));
    }
}
