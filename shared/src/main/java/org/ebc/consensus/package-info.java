/**
 * The consortium consensus message formats (DESIGN §5 and §7, the paper's Fig. 3): proposals, audit
 * results, replies to the leader, commits with their certificate, catch-up requests and answers, and the
 * evidence of an EAG that signed two conflicting messages. Every message is a signed envelope
 * ({@link org.ebc.envelope.EnvelopeCodec}) of the sending EAG; its payload names the consortium's genesis,
 * so a message not rooted in it is refused, and carries (height, round, EAG) for idempotence.
 *
 * <p>{@link org.ebc.consensus.ConsensusCodec#decode} verifies before it parses and never throws; it returns
 * a {@link org.ebc.consensus.DecodeReason}. {@link org.ebc.consensus.CommitCertificate#verify} and
 * {@link org.ebc.consensus.Equivocation#check} are the pure checks that {@code ledger verify},
 * {@code ledger check-proof} and the evidence transaction use. The protocol that sends these messages is
 * {@code org.ebc.gateway.consensus}; its description is {@code docs/consensus.md}.
 */
@NullMarked
package org.ebc.consensus;

import org.jspecify.annotations.NullMarked;
