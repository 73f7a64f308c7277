package org.ebc.gateway.consensus;

/**
 * Which timer expired: the adapter hands the key back to {@link ConsensusCore#onTimer} once the delay has
 * passed. A key of a height or round the core has left is ignored, so timers need never be cancelled.
 */
public record TimerKey(TimerKind kind, long height, int round) {}
