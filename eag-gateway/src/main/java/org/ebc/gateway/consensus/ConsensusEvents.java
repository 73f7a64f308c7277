package org.ebc.gateway.consensus;

import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceCheck;

/**
 * What the core tells the rest of the gateway: the miner (what to mine on, when to stop), the ledger (a
 * committed block, evidence to record as a transaction of kind {@code evidence}) and the operator's log.
 * Called on the core's thread; must not call back into the core.
 */
public interface ConsensusEvents {

    /** Consensus for {@code height} has begun on top of {@code parent}: mine a block for it. */
    void heightStarted(long height, BlockHash parent);

    /** A valid proposal for {@code height} arrived (or was made): the miner may stop (issue: "mining of a height stops"). */
    void miningNotNeeded(long height);

    /** {@code block} was committed and stored ({@link ChainStore#append} has returned). */
    void committed(CertifiedBlock block, BlockFacts facts);

    /** An EAG signed two conflicting votes; {@code check} is proven. First sighting only. */
    void equivocation(Equivocation evidence, EvidenceCheck check);

    /** A new round began (for logs and metrics). */
    default void roundStarted(long height, int round) {}

    /** Events nobody listens to. */
    ConsensusEvents NONE = new ConsensusEvents() {
        @Override
        public void heightStarted(long height, BlockHash parent) {}

        @Override
        public void miningNotNeeded(long height) {}

        @Override
        public void committed(CertifiedBlock block, BlockFacts facts) {}

        @Override
        public void equivocation(Equivocation evidence, EvidenceCheck check) {}
    };
}
