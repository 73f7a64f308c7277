package org.ebc.gateway.consensus.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.Consortium;
import org.ebc.gateway.consensus.AuditResult;
import org.ebc.gateway.consensus.BlockAuditor;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.gateway.consensus.ChainStore;

/**
 * The block validator's stand-in for {@link FakeBlock}s, against one EAG's committed chain: the block must
 * extend the tip, be mined by a member and carry valid "work". It records every block it audited, so a
 * test can show that catching up re-validates every block.
 */
public final class FakeAuditor implements BlockAuditor {
    private final Consortium consortium;
    private final ChainStore chain;
    private final List<BlockHash> audited = new ArrayList<>();

    public FakeAuditor(Consortium consortium, ChainStore chain) {
        this.consortium = consortium;
        this.chain = chain;
    }

    @Override
    public Optional<BlockFacts> describe(byte[] block) {
        return FakeBlock.parse(block).map(b -> new BlockFacts(b.hash(), b.height(), b.previous(), b.miner()));
    }

    @Override
    public AuditResult audit(byte[] block) {
        Optional<FakeBlock> parsed = FakeBlock.parse(block);
        if (parsed.isEmpty()) {
            return AuditResult.refused("MALFORMED", "not a fake block");
        }
        FakeBlock b = parsed.get();
        audited.add(b.hash());
        if (b.height() != chain.height() + 1 || !b.previous().equals(chain.tip())) {
            return AuditResult.refused("WRONG_PREVIOUS", "does not extend the tip at " + chain.height());
        }
        if (!consortium.isMember(b.miner())) {
            return AuditResult.refused("UNKNOWN_MINER", b.miner() + " is no EAG");
        }
        if (!b.work()) {
            return AuditResult.refused("INSUFFICIENT_WORK", "the hash is above the target");
        }
        return AuditResult.valid();
    }

    /** Every block audited so far, in order (repeats included). */
    public List<BlockHash> audited() {
        return List.copyOf(audited);
    }
}
