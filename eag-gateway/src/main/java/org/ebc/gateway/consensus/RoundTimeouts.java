package org.ebc.gateway.consensus;

import java.time.Duration;

/**
 * How long each step of a round may take before the EAG moves on. Each doubles with the round (QBFT's
 * {@code base × 2^round}; Tendermint grows linearly) up to {@code max}, so that after the network settles
 * some round is long enough for every honest EAG to hear every other (the liveness argument in
 * {@code docs/consensus.md}). Round 0 has no proposal timeout: it waits for the first proof of work.
 *
 * @param propose from round 1: how long to wait for the scheduled proposer's block
 * @param audit how long to wait for a quorum of audits for one block once this EAG has audited
 * @param reply how long to wait for the leader's commit once this EAG has replied
 * @param max the cap on any step's timeout
 * @param sync how long to wait for a catch-up answer, and the least interval between answers sent
 *     unasked to one lagging EAG
 */
public record RoundTimeouts(Duration propose, Duration audit, Duration reply, Duration max, Duration sync) {

    public RoundTimeouts {
        for (Duration d : new Duration[] {propose, audit, reply, max, sync}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("round timeouts must be positive");
            }
        }
        if (max.compareTo(propose) < 0 || max.compareTo(audit) < 0 || max.compareTo(reply) < 0) {
            throw new IllegalArgumentException("the maximum timeout must not be below a base timeout");
        }
    }

    /** Defaults for a few EAGs on one LAN or broker (n = 4): 2 s, 1 s, 1 s, cap 60 s, sync 2 s. */
    public static RoundTimeouts defaults() {
        return new RoundTimeouts(
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(2));
    }

    /** The timeout of {@code kind} in {@code round}: base × 2^round, at most {@link #max}. */
    public Duration of(TimerKind kind, int round) {
        Duration base = switch (kind) {
            case PROPOSE -> propose;
            case AUDIT -> audit;
            case REPLY -> reply;
            case SYNC -> sync;
        };
        if (kind == TimerKind.SYNC) {
            return base;
        }
        int doublings = Math.min(Math.max(round - (kind == TimerKind.PROPOSE ? 1 : 0), 0), 30);
        long millis = base.toMillis();
        long grown = millis << doublings;
        return (grown >> doublings) != millis || grown > max.toMillis() ? max : Duration.ofMillis(grown);
    }
}
