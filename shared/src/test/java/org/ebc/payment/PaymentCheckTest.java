package org.ebc.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.ByteMutations;
import org.ebc.testing.TradeSamples;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

class PaymentCheckTest {
    private static final String SIGNIFICANT = "{}[]|\":,0123456789abcdefEBC";
    private final Transfer transfer = TradeSamples.transfer();
    private final byte[] signed = transfer.sign(TradeSamples.PAYER_WALLET.getPrivate());

    @Test
    void aTransferSignedByThePayersWalletKeyChecks() {
        PaymentCheck.Checked<Transfer> c = PaymentCheck.transfer(signed);
        assertThat(c.reason()).isEqualTo(PaymentReason.OK);
        assertThat(c.get()).isEqualTo(transfer);
        assertThat(c.digestHex()).isEqualTo(Sha256.hex(signed));
    }

    @Test
    void aTransferSignedByAKeyNotBoundToThePayerAddressIsRefused() {
        KeyPair thief = KeyPairs.generate();
        // The thief names the victim's address but carries and signs with its own key.
        Transfer forged = new Transfer(
                transfer.payer(),
                1,
                transfer.at(),
                transfer.payee(),
                transfer.amount(),
                transfer.bill(),
                thief.getPublic());
        assertThat(PaymentCheck.transfer(forged.sign(thief.getPrivate())).reason())
                .isEqualTo(PaymentReason.KEY_NOT_BOUND);
    }

    @Test
    void aTransferCarryingThePayersKeyButSignedByAnotherIsRefused() {
        KeyPair other = KeyPairs.generate();
        byte[] bytes = EnvelopeCodec.sign(transfer.payloadBytes(), other.getPrivate(), KeyId.of(transfer.key()));
        assertThat(PaymentCheck.transfer(bytes).reason()).isEqualTo(PaymentReason.BAD_SIGNATURE);
        byte[] otherKi = EnvelopeCodec.sign(transfer.payloadBytes(), other.getPrivate(), KeyId.of(other.getPublic()));
        assertThat(PaymentCheck.transfer(otherKi).reason()).isEqualTo(PaymentReason.KEY_NOT_BOUND);
    }

    @Test
    void aTransferWhosePayloadWasChangedAfterSigningIsRefused() {
        String text = new String(signed, StandardCharsets.UTF_8).replace("\"amount\":11100000", "\"amount\":91100000");
        assertThat(PaymentCheck.transfer(text.getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo(PaymentReason.BAD_SIGNATURE);
    }

    @Test
    void aTransferOfNothingOrToItselfOrWithAnUnknownFieldIsMalformed() {
        String text = new String(signed, StandardCharsets.UTF_8);
        for (String bad : new String[] {
            text.replace("\"amount\":11100000", "\"amount\":0"),
            text.replace("\"to\":\"" + transfer.payee() + "\"", "\"to\":\"" + transfer.payer() + "\""),
            text.replace("\"bill\":", "\"memo\":\"x\",\"bill\":"),
            text.replace("\"typ\":\"transfer\"", "\"typ\":\"cosign\""),
            text.replace("\"seq\":5", "\"seq\":0"),
        }) {
            assertThat(PaymentCheck.transfer(bad.getBytes(StandardCharsets.UTF_8))
                            .reason())
                    .as(bad)
                    .isEqualTo(PaymentReason.MALFORMED);
        }
    }

    @Test
    void aCosignatureByThePayeeForThisTransferChecks() {
        String digest = Sha256.hex(signed);
        byte[] cosign = TradeSamples.cosign(digest).sign(TradeSamples.PAYEE_WALLET.getPrivate());
        assertThat(PaymentCheck.cosign(cosign, transfer, digest).reason()).isEqualTo(PaymentReason.OK);
    }

    @Test
    void aCosignatureForAnotherTransferOrByAnotherAddressIsRefused() {
        String digest = Sha256.hex(signed);
        byte[] forOther = TradeSamples.cosign(Sha256.hex(new byte[] {1})).sign(TradeSamples.PAYEE_WALLET.getPrivate());
        assertThat(PaymentCheck.cosign(forOther, transfer, digest).reason()).isEqualTo(PaymentReason.COSIGN_MISMATCH);

        KeyPair stranger = KeyPairs.generate();
        Cosign byStranger = new Cosign(
                WalletAddress.of(stranger.getPublic()),
                transfer.nonce(),
                transfer.at(),
                digest,
                transfer.payer(),
                stranger.getPublic());
        assertThat(PaymentCheck.cosign(byStranger.sign(stranger.getPrivate()), transfer, digest)
                        .reason())
                .isEqualTo(PaymentReason.COSIGN_MISMATCH);

        Cosign wrongKey = new Cosign(
                transfer.payee(), transfer.nonce(), transfer.at(), digest, transfer.payer(), stranger.getPublic());
        assertThat(PaymentCheck.cosign(wrongKey.sign(stranger.getPrivate()), transfer, digest)
                        .reason())
                .isEqualTo(PaymentReason.KEY_NOT_BOUND);
    }

    @Test
    void hostileBytesNeverThrow() {
        String digest = Sha256.hex(signed);
        byte[] cosign = TradeSamples.cosign(digest).sign(TradeSamples.PAYEE_WALLET.getPrivate());
        for (int i = 0; i < 3_000; i++) {
            PaymentCheck.Checked<Transfer> t = PaymentCheck.transfer(ByteMutations.mutate(signed, i, SIGNIFICANT));
            assertThat(t.reason()).isNotNull();
            PaymentCheck.Checked<Cosign> c =
                    PaymentCheck.cosign(ByteMutations.mutate(cosign, ~i, SIGNIFICANT), transfer, digest);
            assertThat(c.reason()).isNotNull();
        }
        assertThat(PaymentCheck.transfer(new byte[0]).reason()).isEqualTo(PaymentReason.MALFORMED);
        assertThat(PaymentCheck.transfer(null).reason()).isEqualTo(PaymentReason.MALFORMED);
    }
}
