package org.ebc.gateway.consensus;

import java.util.List;
import org.ebc.units.EagId;

/**
 * Who proposes from round 1 on: round-robin over the genesis order, shifted by the height so that a
 * crashed EAG costs at most one round per height it would have led (Tendermint and QBFT both rotate
 * deterministically). Round 0 has no scheduled proposer: the first valid proof of work leads.
 */
final class ProposerSchedule {
    private final List<EagId> members;

    ProposerSchedule(List<EagId> members) {
        this.members = List.copyOf(members);
    }

    /** The scheduled proposer of {@code round} ≥ 1 at {@code height}. */
    EagId proposer(long height, int round) {
        return members.get((int) Math.floorMod(height + round, (long) members.size()));
    }
}
