package org.ebc.gateway.ledger;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.gateway.chain.BlockEffects;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.BlockVerdict;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.consensus.AuditResult;
import org.ebc.gateway.consensus.BlockAuditor;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.ledger.Block;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.FormatReason;
import org.ebc.ledger.Outcome;

/**
 * Consensus's {@link BlockAuditor} over the chain's one {@link BlockValidator}: audits a block against the
 * committed chain state and keeps its effects until the block is committed or the height moves on, so a
 * committed block is applied without being validated twice. Called on the consensus thread only; {@link
 * #state()} may be read from any thread.
 */
public final class ChainAuditor implements BlockAuditor {
    private final BlockValidator validator;
    private final Clock clock;
    private final Map<BlockHash, BlockEffects> audited = new HashMap<>();
    private volatile InMemoryChainState state;

    public ChainAuditor(BlockValidator validator, InMemoryChainState committed, Clock clock) {
        this.validator = validator;
        this.state = committed;
        this.clock = clock;
    }

    @Override
    public Optional<BlockFacts> describe(byte[] block) {
        if (block.length < 4 + BlockHeader.LENGTH
                || block[0] != 'E'
                || block[1] != 'B'
                || block[2] != 'B'
                || block[3] != '1') {
            return Optional.empty();
        }
        Outcome<FormatReason, BlockHeader> h =
                BlockHeader.parse(java.util.Arrays.copyOfRange(block, 4, 4 + BlockHeader.LENGTH));
        if (!h.isOk()) {
            return Optional.empty();
        }
        BlockHeader header = h.orElseThrow();
        return Optional.of(new BlockFacts(
                new BlockHash(header.hash().hex()),
                header.height(),
                new BlockHash(header.previous().hex()),
                header.miner()));
    }

    @Override
    public AuditResult audit(byte[] block) {
        BlockVerdict v = validator.validate(block, state, clock);
        if (!v.isValid()) {
            return AuditResult.refused(v.reason().name(), v.detail());
        }
        BlockEffects e = v.effectsOrThrow();
        audited.put(new BlockHash(e.blockHash().hex()), e);
        return AuditResult.valid();
    }

    /**
     * Moves the committed state to {@code block} (just stored). Uses the effects of its audit; a block this EAG
     * did not audit (received with its certificate while catching up) is validated now, and one that does not
     * validate is an error: consensus stores only audited blocks.
     */
    public void committed(byte[] block, BlockHash hash) {
        BlockEffects e = audited.get(hash);
        if (e == null) {
            BlockVerdict v = validator.validate(block, state, clock);
            if (!v.isValid()) {
                throw new IllegalStateException(
                        "committed block " + hash + " does not validate: " + v.reason() + " " + v.detail());
            }
            e = v.effectsOrThrow();
        }
        state = state.apply(e);
        audited.clear();
    }

    /** The committed chain state. */
    public InMemoryChainState state() {
        return state;
    }

    /** Decodes a block that consensus already accepted. */
    static Block decode(byte[] raw) {
        return Block.decode(raw).orElseThrow();
    }
}
