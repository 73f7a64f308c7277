package org.ebc.gateway.consensus;

import java.time.Duration;

/**
 * How long each step of a round may take before the EAG moves on. Each grows by {@code increment} per
 * round (Tendermint's {@code timeout + round·delta}), up to {@code max}, so that once the network settles
 * some round is long enough for every honest EAG to hear every other (the liveness argument in
 * {@code docs/consensus.md}), while a height that went through many rounds during a partition does not
 * then wait exponentially long (QBFT doubles per round). Round 0 has no proposal timeout: it waits for the
 * first proof of work.
 *
 * @param propose from round 1: how long to wait for the scheduled proposer's block
 * @param audit how long to wait for a quorum of audits for one block once this EAG has audited
 * @param reply how long to wait for the leader's commit once this EAG has replied
 * @param increment added to each of the three per round
 * @param max the cap on any step's timeout
 * @param sync how long to wait for a catch-up answer, and the least interval between answers sent
 *     unasked to one lagging EAG
 */
public record RoundTimeouts(
        Duration propose, Duration audit, Duration reply, Duration increment, Duration max, Duration sync) {

    public RoundTimeouts {
        for (Duration d : new Duration[] {propose, audit, reply, max, sync}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("round timeouts must be positive");
            }
        }
        if (increment.isNegative()) {
            throw new IllegalArgumentException("the per-round increment must not be negative");
        }
        if (max.compareTo(propose) < 0 || max.compareTo(audit) < 0 || max.compareTo(reply) < 0) {
            throw new IllegalArgumentException("the maximum timeout must not be below a base timeout");
        }
    }

    /**
     * Defaults for a few EAGs on one LAN or broker (n = 4): propose 2 s, audit 1 s, reply 1 s, +0.5 s per
     * round, at most 30 s; catch-up answers within 2 s.
     */
    public static RoundTimeouts defaults() {
        return new RoundTimeouts(
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2));
    }

    /** The timeout of {@code kind} in {@code round}: base + round × increment (propose: round − 1), at most max. */
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
        long steps = Math.max(0, kind == TimerKind.PROPOSE ? round - 1 : round);
        long millis = base.toMillis() + Math.min(steps, 1_000_000L) * increment.toMillis();
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
