package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * A transfer this EAG admitted, with the exact bytes it received (the payer's signature covers them) and,
 * once co-signed, the payee's co-signature bytes as received.
 *
 * @param digest lowercase hex SHA-256 of {@code raw}: the id a co-signature and the memory pool use
 * @param raw the signed transfer envelope, exactly as received (or as the EAG signed it for the grid)
 * @param transfer its fields
 * @param state where it stands
 * @param admittedAt when it was (last) admitted
 * @param deadline when it is released unless co-signed (admittedAt + {@code payment.cosign.timeout})
 * @param cosign the co-signature envelope as received; present exactly when COSIGNED or APPLIED
 * @param releasedAs EXPIRED or RELEASED for a released transfer, else null
 */
public record TransferRecord(
        String digest,
        byte[] raw,
        Transfer transfer,
        TransferState state,
        Instant admittedAt,
        Instant deadline,
        byte @Nullable [] cosign,
        @Nullable Refusal releasedAs) {

    public TransferRecord {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(admittedAt, "admittedAt");
        Objects.requireNonNull(deadline, "deadline");
        boolean signed = state == TransferState.COSIGNED || state == TransferState.APPLIED;
        if (signed != (cosign != null)) {
            throw new IllegalArgumentException("transfer " + digest + " is " + state + " and must "
                    + (signed ? "" : "not ") + "carry a co-signature");
        }
        if ((state == TransferState.RELEASED) != (releasedAs != null)) {
            throw new IllegalArgumentException("transfer " + digest + ": a release reason goes with RELEASED only");
        }
    }

    public WalletAddress payer() {
        return transfer.payer();
    }

    public WalletAddress payee() {
        return transfer.payee();
    }

    public long nonce() {
        return transfer.nonce();
    }

    public CoinAmount amount() {
        return transfer.amount();
    }

    public String bill() {
        return transfer.bill();
    }

    TransferRecord with(TransferState s, byte @Nullable [] cosignBytes, @Nullable Refusal released) {
        return new TransferRecord(digest, raw, transfer, s, admittedAt, deadline, cosignBytes, released);
    }

    /**
     * The fields of stored transfer bytes, without checking the signature again (it was checked when they
     * were admitted). For stores that keep only the bytes.
     *
     * @throws IllegalStateException if the bytes are not a transfer (a damaged store)
     */
    public static Transfer decode(byte[] raw) {
        EnvelopeResult framed = EnvelopeCodec.frame(raw, PaymentCheck.MAX_BYTES);
        EnvelopeResult parsed = framed.isOk() ? EnvelopeCodec.parsePayload(framed.envelope()) : framed;
        if (!parsed.isOk()) {
            throw new IllegalStateException("stored transfer bytes do not parse: " + parsed.detail());
        }
        Decoded<Transfer> d = Transfer.from(parsed.envelope());
        if (!d.isOk()) {
            throw new IllegalStateException("stored transfer bytes do not decode: " + d.problem());
        }
        return d.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferRecord t
                && digest.equals(t.digest)
                && Arrays.equals(raw, t.raw)
                && state == t.state
                && admittedAt.equals(t.admittedAt)
                && deadline.equals(t.deadline)
                && Arrays.equals(cosign, t.cosign)
                && releasedAs == t.releasedAs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, state, admittedAt, deadline, releasedAs);
    }

    @Override
    public String toString() {
        return "TransferRecord[" + digest.substring(0, 12) + "… " + payer() + "#" + nonce() + " → " + payee() + " "
                + amount() + " bill " + bill() + " " + state + (releasedAs == null ? "" : " (" + releasedAs + ")")
                + "]";
    }
}
