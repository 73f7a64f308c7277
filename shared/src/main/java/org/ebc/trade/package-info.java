/**
 * The market's signed messages (DESIGN §3, §5): orders a node signs with its node key, and what the EAG
 * signs back — receipts, the market's rules, posted-mode demand notices, a slot's aggregate result, each
 * node's own allocation, and bills. Records with their exact-bytes payload encoders and strict decoders
 * ({@code from(SignedEnvelope)} returns {@link org.ebc.envelope.Decoded}, never throws).
 *
 * <p>Privacy, as the paper intends: what the EAG broadcasts ({@link org.ebc.trade.MarketInfo},
 * {@link org.ebc.trade.DemandNotice}, {@link org.ebc.trade.MarketResult}) carries aggregates only; what names
 * a counterparty names its wallet address, never its node id, and goes only to the node concerned.
 */
@NullMarked
package org.ebc.trade;

import org.jspecify.annotations.NullMarked;
