package org.ebc.agent.trading;

import java.time.Instant;
import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * A co-signature the node signed for a transfer that pays one of its bills.
 *
 * @param transferDigest lowercase hex SHA-256 of the co-signed transfer (one co-signature per transfer)
 * @param envelope the signed co-signature, exactly as published (published again as is)
 * @param cosignDigest lowercase hex SHA-256 of {@code envelope}
 */
public record CosignRecord(
        String transferDigest,
        String bill,
        WalletAddress payer,
        WalletAddress payee,
        CoinAmount amount,
        long nonce,
        byte[] envelope,
        String cosignDigest,
        Instant signedAt,
        CosignState state,
        String reason,
        Instant updatedAt) {

    public CosignRecord {
        Objects.requireNonNull(transferDigest, "transferDigest");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(state, "state");
    }

    public CosignRecord withState(CosignState s, String why, Instant now) {
        return new CosignRecord(
                transferDigest, bill, payer, payee, amount, nonce, envelope, cosignDigest, signedAt, s, why, now);
    }
}
