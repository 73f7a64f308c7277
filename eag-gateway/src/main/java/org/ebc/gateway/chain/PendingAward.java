package org.ebc.gateway.chain;

import org.ebc.ledger.Sha256Hash;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;

/**
 * A proof-of-flow award recorded on chain and not yet paid by a coinbase.
 *
 * @param tx the id of the {@code award} transaction that recorded it
 * @param to the recipient
 * @param amount what the coinbase must pay, minor units
 * @param eag the admitting EAG (one award per EAG and period)
 * @param periodStartMillis the start of the period it is for
 */
public record PendingAward(Sha256Hash tx, WalletAddress to, CoinAmount amount, EagId eag, long periodStartMillis) {}
