package org.ebc.gateway.chain;

/** A rule broken by one transaction or the coinbase, before the validator attaches its position. */
record Refusal(BlockReason reason, String detail) {}
