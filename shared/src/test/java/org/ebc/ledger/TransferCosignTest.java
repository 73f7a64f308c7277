package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.ByteMutations;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** The payment envelopes inside a ledger transaction: each refusal has its reason; only the one spelling verifies. */
class TransferCosignTest {
    static final KeyPair PAYER = KeyPairs.generate();
    static final KeyPair PAYEE = KeyPairs.generate();
    static final KeyPair STRANGER = KeyPairs.generate();
    static final WalletAddress PAYER_ADDRESS = WalletAddress.of(PAYER.getPublic());
    static final WalletAddress PAYEE_ADDRESS = WalletAddress.of(PAYEE.getPublic());
    static final long TS = 1_795_248_005_000L;

    static byte[] transfer() {
        return Transfer.sign(PAYER, 7, TS, PAYEE_ADDRESS, CoinAmount.ofMinorUnits(123_456), "bill-7");
    }

    /** A transfer payload as JSON text (so a test can misspell it), signed by {@code signer}. */
    static byte[] signedTransferJson(KeyPair signer, String json) {
        return EnvelopeCodec.sign(
                json.getBytes(StandardCharsets.UTF_8), signer.getPrivate(), KeyId.of(signer.getPublic()));
    }

    static String transferJson(WalletAddress from, long seq, String amount, WalletAddress to, String bill, String key) {
        return "{\"typ\":\"transfer\",\"from\":\"" + from + "\",\"seq\":" + seq + ",\"ts\":" + TS + ",\"to\":\"" + to
                + "\",\"amount\":" + amount + ",\"bill\":\"" + bill + "\",\"key\":\"" + key + "\"}";
    }

    static String key(KeyPair k) {
        return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
    }

    @Test
    void aTransferSignedByThePayerVerifiesAndReadsBackItsFields() {
        byte[] raw = transfer();
        Decoded<TxReason, Transfer> d = Transfer.verify(raw);

        assertThat(d.reason()).isEqualTo(TxReason.OK);
        Transfer t = d.orElseThrow();
        assertThat(t.payer()).isEqualTo(PAYER_ADDRESS);
        assertThat(t.payee()).isEqualTo(PAYEE_ADDRESS);
        assertThat(t.nonce()).isEqualTo(7);
        assertThat(t.timestampMillis()).isEqualTo(TS);
        assertThat(t.amount()).isEqualTo(CoinAmount.ofMinorUnits(123_456));
        assertThat(t.bill()).isEqualTo("bill-7");
        assertThat(t.hash()).isEqualTo(Sha256Hash.of(raw));
        assertThat(t.raw()).isEqualTo(raw);
    }

    @Test
    void theHandWrittenSpellingOfAPayloadIsExactlyWhatTheEncoderWrites() {
        byte[] hand = signedTransferJson(
                PAYER, transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", key(PAYER)));

        assertThat(Transfer.verify(hand).reason()).isEqualTo(TxReason.OK);
    }

    @Test
    void aTransferWithAnyChangedPayloadByteIsRefused() {
        byte[] raw = transfer();
        int payloadEnd = new String(raw, StandardCharsets.US_ASCII).lastIndexOf('|');
        for (int i = 5; i < payloadEnd; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 0x01;
            assertThat(Transfer.verify(changed).reason()).as("byte %d", i).isNotEqualTo(TxReason.OK);
        }
    }

    @Test
    void aTransferSignedByAnotherKeyThanTheOneItCarriesIsRefusedAsABadSignature() {
        byte[] forged = signedTransferJson(
                STRANGER, transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", key(PAYER)));

        assertThat(Transfer.verify(forged).reason()).isEqualTo(TxReason.BAD_TRANSFER_SIGNATURE);
    }

    @Test
    void aTransferCarryingAKeyThatIsNotThePayersIsRefusedAsABadSignature() {
        byte[] forged = signedTransferJson(
                STRANGER, transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", key(STRANGER)));

        Decoded<TxReason, Transfer> d = Transfer.verify(forged);
        assertThat(d.reason()).isEqualTo(TxReason.BAD_TRANSFER_SIGNATURE);
        assertThat(d.detail()).contains("not the key of " + PAYER_ADDRESS);
    }

    @Test
    void aTransferWhoseSignatureDoesNotVerifyIsRefused() {
        byte[] raw = transfer();
        String s = new String(raw, StandardCharsets.US_ASCII);
        int sd = s.indexOf("\"SD\":\"") + 20;
        byte[] changed = raw.clone();
        changed[sd] = (byte) (changed[sd] == 'A' ? 'B' : 'A');

        assertThat(Transfer.verify(changed).reason()).isEqualTo(TxReason.BAD_TRANSFER_SIGNATURE);
    }

    @Test
    void aSignedTransferInAnotherSpellingIsRefusedAsMalformed() {
        String spaced = transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", key(PAYER))
                .replace(",\"to\"", ", \"to\"");
        String reordered = "{\"typ\":\"transfer\",\"from\":\"" + PAYER_ADDRESS + "\",\"seq\":7,\"ts\":" + TS
                + ",\"amount\":123456,\"to\":\"" + PAYEE_ADDRESS + "\",\"bill\":\"bill-7\",\"key\":\"" + key(PAYER)
                + "\"}";
        String extra = transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", key(PAYER))
                .replace("}", ",\"memo\":\"x\"}");

        for (String json : new String[] {spaced, reordered, extra}) {
            assertThat(Transfer.verify(signedTransferJson(PAYER, json)).reason())
                    .as(json)
                    .isEqualTo(TxReason.MALFORMED_TRANSFER);
        }
    }

    @Test
    void transfersWithFieldsOutOfRangeAreRefusedAsMalformed() {
        String k = key(PAYER);
        String[] bad = {
            transferJson(PAYER_ADDRESS, 7, "0", PAYEE_ADDRESS, "bill-7", k),
            transferJson(PAYER_ADDRESS, 7, "-5", PAYEE_ADDRESS, "bill-7", k),
            transferJson(PAYER_ADDRESS, 7, "1.5", PAYEE_ADDRESS, "bill-7", k),
            transferJson(PAYER_ADDRESS, 7, "123456", PAYER_ADDRESS, "bill-7", k),
            transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill/7", k),
            transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "", k),
            transferJson(PAYER_ADDRESS, 0, "123456", PAYEE_ADDRESS, "bill-7", k),
            transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", "not base64!"),
            transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", k.substring(4)),
        };
        for (String json : bad) {
            assertThat(Transfer.verify(signedTransferJson(PAYER, json)).reason())
                    .as(json)
                    .isEqualTo(TxReason.MALFORMED_TRANSFER);
        }
    }

    @Test
    void aCompressedSpellingOfThePayersKeyIsRefusedSoThatOneKeyHasOneAddress() {
        ECPublicKey ec = (ECPublicKey) PAYER.getPublic();
        byte[] x = ec.getW().getAffineX().toByteArray();
        byte[] x32 = new byte[32];
        System.arraycopy(x, Math.max(0, x.length - 32), x32, Math.max(0, 32 - x.length), Math.min(32, x.length));
        byte[] header = {
            0x30,
            0x39,
            0x30,
            0x13,
            0x06,
            0x07,
            0x2A,
            (byte) 0x86,
            0x48,
            (byte) 0xCE,
            0x3D,
            0x02,
            0x01,
            0x06,
            0x08,
            0x2A,
            (byte) 0x86,
            0x48,
            (byte) 0xCE,
            0x3D,
            0x03,
            0x01,
            0x07,
            0x03,
            0x22,
            0x00
        };
        byte prefix = (byte) (ec.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
        byte[] compressed = ByteMutations.concat(header, new byte[] {prefix}, x32);
        String k = Base64.getEncoder().encodeToString(compressed);

        byte[] raw = signedTransferJson(PAYER, transferJson(PAYER_ADDRESS, 7, "123456", PAYEE_ADDRESS, "bill-7", k));

        assertThat(Transfer.verify(raw).reason()).isEqualTo(TxReason.MALFORMED_TRANSFER);
    }

    @Test
    void aTransferOverTheSizeLimitIsRefusedBeforeAnythingIsParsed() {
        byte[] huge = Arrays.copyOf(transfer(), Transfer.MAX_BYTES + 1);

        assertThat(Transfer.verify(huge).reason()).isEqualTo(TxReason.TOO_LARGE);
    }

    @Test
    void somethingThatIsNotAnEnvelopeIsAMalformedTransfer() {
        assertThat(Transfer.verify("hello".getBytes(StandardCharsets.US_ASCII)).reason())
                .isEqualTo(TxReason.MALFORMED_TRANSFER);
        assertThat(Transfer.verify(new byte[0]).reason()).isEqualTo(TxReason.MALFORMED_TRANSFER);
        assertThat(Transfer.verify(
                                Cosign.sign(PAYEE, Transfer.verify(transfer()).orElseThrow(), TS))
                        .reason())
                .isEqualTo(TxReason.MALFORMED_TRANSFER);
    }

    @Test
    void signingRefusesWhatVerifyingWouldRefuse() {
        assertThatThrownBy(() -> Transfer.sign(PAYER, 1, TS, PAYER_ADDRESS, CoinAmount.ofMinorUnits(1), "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfer.sign(PAYER, 0, TS, PAYEE_ADDRESS, CoinAmount.ofMinorUnits(1), "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfer.sign(PAYER, 1, TS, PAYEE_ADDRESS, CoinAmount.ZERO, "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfer.sign(PAYER, 1, TS, PAYEE_ADDRESS, CoinAmount.ofMinorUnits(1), "a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePayeesCosignVerifiesAndCountersignsExactlyThatTransfer() {
        Transfer t = Transfer.verify(transfer()).orElseThrow();
        Decoded<TxReason, Cosign> c = Cosign.verify(Cosign.sign(PAYEE, t, TS + 1));

        assertThat(c.reason()).isEqualTo(TxReason.OK);
        assertThat(c.orElseThrow().countersigns(t)).isTrue();
        assertThat(c.orElseThrow().transfer()).isEqualTo(t.hash());

        Transfer other = Transfer.verify(
                        Transfer.sign(PAYER, 8, TS, PAYEE_ADDRESS, CoinAmount.ofMinorUnits(123_456), "bill-7"))
                .orElseThrow();
        assertThat(c.orElseThrow().countersigns(other)).isFalse();
    }

    @Test
    void onlyThePayeeCanCosignAndAStrangersCosignDoesNotCountersign() {
        Transfer t = Transfer.verify(transfer()).orElseThrow();
        assertThatThrownBy(() -> Cosign.sign(STRANGER, t, TS)).isInstanceOf(IllegalArgumentException.class);

        String json =
                "{\"typ\":\"cosign\",\"from\":\"" + WalletAddress.of(STRANGER.getPublic()) + "\",\"seq\":7,\"ts\":"
                        + TS + ",\"transfer\":\"" + t.hash().hex() + "\",\"payer\":\"" + PAYER_ADDRESS + "\",\"key\":\""
                        + key(STRANGER) + "\"}";
        Cosign stranger = Cosign.verify(signedTransferJson(STRANGER, json)).orElseThrow();
        assertThat(stranger.countersigns(t)).isFalse();
    }

    @Test
    void aCosignWithAChangedByteOrSignedByAnotherKeyIsRefused() {
        Transfer t = Transfer.verify(transfer()).orElseThrow();
        byte[] raw = Cosign.sign(PAYEE, t, TS + 1);
        String json = new String(
                EnvelopeCodec.frame(raw, Cosign.MAX_BYTES).envelope().payloadBytes(), StandardCharsets.UTF_8);

        byte[] changed = raw.clone();
        changed[json.indexOf("\"ts\":") + 5 + 6] ^= 0x01;
        assertThat(Cosign.verify(changed).reason()).isEqualTo(TxReason.BAD_COSIGN_SIGNATURE);
        assertThat(Cosign.verify(signedTransferJson(STRANGER, json)).reason()).isEqualTo(TxReason.BAD_COSIGN_SIGNATURE);
        assertThat(Cosign.verify(signedTransferJson(PAYEE, json.replace("\"transfer\":\"", "\"transfer\":\"A")))
                        .reason())
                .isEqualTo(TxReason.MALFORMED_COSIGN);
        assertThat(Cosign.verify(signedTransferJson(PAYEE, json.replace(",\"payer\"", ", \"payer\"")))
                        .reason())
                .isEqualTo(TxReason.MALFORMED_COSIGN);
    }

    @Test
    void damagedTransfersAndCosignsNeverThrowAndNeverVerify() {
        byte[] t = transfer();
        byte[] c = Cosign.sign(PAYEE, Transfer.verify(t).orElseThrow(), TS + 1);
        for (long seed = 0; seed < 1500; seed++) {
            byte[] mt = ByteMutations.mutate(t, seed, "{}\":,|0123456789EBC");
            byte[] mc = ByteMutations.mutate(c, seed, "{}\":,|0123456789EBC");
            if (!Arrays.equals(mt, t)) {
                assertThat(Transfer.verify(mt).reason()).as("seed %d", seed).isNotEqualTo(TxReason.OK);
            }
            if (!Arrays.equals(mc, c)) {
                assertThat(Cosign.verify(mc).reason()).as("seed %d", seed).isNotEqualTo(TxReason.OK);
            }
        }
    }
}
