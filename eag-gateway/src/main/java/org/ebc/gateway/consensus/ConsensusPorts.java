package org.ebc.gateway.consensus;

/**
 * The ports one {@link ConsensusCore} acts through.
 *
 * @param transport where messages go
 * @param auditor the chain's block validator
 * @param chain the committed blocks and certificates
 * @param timers the core's timers
 * @param journal what this EAG signed, kept across restarts
 * @param events what the rest of the gateway hears
 */
public record ConsensusPorts(
        ConsensusTransport transport,
        BlockAuditor auditor,
        ChainStore chain,
        Timers timers,
        ConsensusJournal journal,
        ConsensusEvents events) {}
