package org.ebc.gateway.chain;

/**
 * One search for a nonce at one height, and the switch that stops it. The consensus adapter keeps the job
 * of the height it is mining and calls {@link #proposalArrived} when a valid proposal for that height (or a
 * later one) arrives, or {@link #cancel} for any other reason; the {@link Miner} notices within
 * {@value Miner#CHECK_EVERY} hashes. Thread-safe.
 */
public final class MiningJob {
    private final long height;
    private volatile boolean cancelled;
    private volatile long attempts;

    public MiningJob(long height) {
        this.height = height;
    }

    public long height() {
        return height;
    }

    public void cancel() {
        cancelled = true;
    }

    /**
     * A valid proposal for {@code proposalHeight} has arrived: stops this job if it is for that height or an
     * earlier one (mining it further cannot win).
     *
     * @return true if this call stopped the job
     */
    public boolean proposalArrived(long proposalHeight) {
        if (proposalHeight >= height && !cancelled) {
            cancelled = true;
            return true;
        }
        return false;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Nonces tried so far, updated every {@value Miner#CHECK_EVERY} attempts (for a hash-rate display). */
    public long attempts() {
        return attempts;
    }

    void progress(long tried) {
        attempts = tried;
    }
}
