package org.ebc.gateway.consensus;

/**
 * The core's configuration.
 *
 * @param timeouts the round timeouts
 * @param maxMessageBytes the largest consensus message accepted (a proposal carries a whole block)
 * @param syncBatch the most blocks one catch-up answer carries (bytes permitting)
 * @param maxRoundsAhead messages for rounds further ahead than this are refused
 * @param futureBuffer how many messages of the next height are kept until this EAG reaches it
 */
public record ConsensusSettings(
        RoundTimeouts timeouts, int maxMessageBytes, int syncBatch, int maxRoundsAhead, int futureBuffer) {

    public ConsensusSettings {
        if (maxMessageBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 64 KiB");
        }
        if (syncBatch < 1 || syncBatch > org.ebc.consensus.SyncRequest.MAX_BATCH) {
            throw new IllegalArgumentException("syncBatch must be 1.." + org.ebc.consensus.SyncRequest.MAX_BATCH);
        }
        if (maxRoundsAhead < 1 || futureBuffer < 0) {
            throw new IllegalArgumentException("maxRoundsAhead must be >= 1 and futureBuffer >= 0");
        }
    }

    /** 16 MiB messages, 64 blocks per catch-up answer, 64 rounds ahead, 4096 buffered messages. */
    public static ConsensusSettings defaults(RoundTimeouts timeouts) {
        return new ConsensusSettings(timeouts, 16 * 1024 * 1024, 64, 64, 4096);
    }
}
