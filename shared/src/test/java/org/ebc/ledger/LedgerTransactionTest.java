package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.ledger.TxBody.AllocationTx;
import org.ebc.ledger.TxBody.AwardTx;
import org.ebc.ledger.TxBody.CreditTx;
import org.ebc.ledger.TxBody.EvidenceTx;
import org.ebc.ledger.TxBody.TransferTx;
import org.ebc.testing.ByteMutations;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;

/** An admitted ledger transaction: verified before it is parsed, one reason per refusal, one spelling per id. */
class LedgerTransactionTest {
    static final TestConsortium C = TestConsortium.create(2, 3);
    static final EagId EAG1 = EagId.of("eag-1");
    static final KeyPair EAG1_KEYS = C.eag(1).keys();
    static final long TS = TestConsortium.GENESIS_TIME.toEpochMilli() + 60_000;

    static Outcome<TxReason, LedgerTransaction> verify(byte[] raw) {
        return LedgerTransaction.verify(raw, C.genesis()::memberByKeyId);
    }

    static TransferTx transfer(long nonce) {
        return C.transferBody(
                C.node(1).wallet(), nonce, C.node(2).wallet(), CoinAmount.ofMinorUnits(5_000), "bill-" + nonce, TS);
    }

    /** A payload written by hand, signed by eag-1. */
    static byte[] signedByEag1(String json) {
        return EnvelopeCodec.sign(
                json.getBytes(StandardCharsets.UTF_8), EAG1_KEYS.getPrivate(), KeyId.of(EAG1_KEYS.getPublic()));
    }

    static String head(String kind) {
        return "{\"typ\":\"tx\",\"from\":\"eag-1\",\"seq\":3,\"ts\":" + TS + ",\"kind\":\"" + kind + "\"";
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void everyKindRoundTripsThroughSigningAndVerifying() {
        List<TxBody> bodies = List.of(
                transfer(1),
                new AllocationTx(
                        C.node(1).address(), CoinAmount.ofCoins(20), C.node(1).id()),
                new AwardTx(C.node(2).address(), CoinAmount.ofMinorUnits(7), TS - 900_000, Energy.ofWh(1234)),
                new EvidenceTx(new byte[] {1, 2, 3}),
                new CreditTx("a record".getBytes(StandardCharsets.US_ASCII)));
        long seq = 1;
        for (TxBody body : bodies) {
            byte[] raw = LedgerTransaction.sign(EAG1, seq, TS, body, EAG1_KEYS);
            Outcome<TxReason, LedgerTransaction> d = verify(raw);

            assertThat(d.reason()).as(body.kind().wire()).isEqualTo(TxReason.OK);
            LedgerTransaction tx = d.orElseThrow();
            assertThat(tx.body()).isEqualTo(body);
            assertThat(tx.kind()).isEqualTo(body.kind());
            assertThat(tx.admittedBy()).isEqualTo(EAG1);
            assertThat(tx.seq()).isEqualTo(seq);
            assertThat(tx.timestampMillis()).isEqualTo(TS);
            assertThat(tx.id()).isEqualTo(Sha256Hash.of(raw));
            assertThat(tx.raw()).isEqualTo(raw);
            seq++;
        }
    }

    @Test
    void anAdmissionOverTheSizeLimitIsTooLarge() {
        byte[] raw = LedgerTransaction.sign(EAG1, 1, TS, transfer(1), EAG1_KEYS);

        assertThat(verify(Arrays.copyOf(raw, LedgerTransaction.MAX_BYTES + 1)).reason())
                .isEqualTo(TxReason.TOO_LARGE);
    }

    @Test
    void somethingThatIsNotASignedEnvelopeIsMalformed() {
        assertThat(verify("EBC1|{}".getBytes(StandardCharsets.US_ASCII)).reason())
                .isEqualTo(TxReason.MALFORMED_ENVELOPE);
        byte[] raw = LedgerTransaction.sign(EAG1, 1, TS, transfer(1), EAG1_KEYS);
        byte[] damaged = Arrays.copyOf(raw, raw.length - 1);
        assertThat(verify(damaged).reason()).isEqualTo(TxReason.MALFORMED_ENVELOPE);
    }

    @Test
    void anAdmissionSignedByAKeyOfNoConsortiumEagIsFromAnUnknownEag() {
        KeyPair node = C.node(1).wallet();
        byte[] raw = LedgerTransaction.sign(EAG1, 1, TS, transfer(1), node);

        assertThat(verify(raw).reason()).isEqualTo(TxReason.UNKNOWN_EAG);
    }

    @Test
    void anAdmissionWithAChangedByteDoesNotVerify() {
        byte[] raw = LedgerTransaction.sign(
                EAG1,
                1,
                TS,
                new AllocationTx(
                        C.node(1).address(), CoinAmount.ofCoins(20), C.node(1).id()),
                EAG1_KEYS);
        String s = new String(raw, StandardCharsets.US_ASCII);
        byte[] changed = raw.clone();
        changed[s.indexOf("2000000000")] = '3';

        assertThat(verify(changed).reason()).isEqualTo(TxReason.BAD_SIGNATURE);
    }

    @Test
    void anEagCannotAdmitInTheNameOfAnother() {
        String json = "{\"typ\":\"tx\",\"from\":\"eag-2\",\"seq\":3,\"ts\":" + TS
                + ",\"kind\":\"evidence\",\"evidence\":\"AQID\"}";

        Outcome<TxReason, LedgerTransaction> d = verify(signedByEag1(json));
        assertThat(d.reason()).isEqualTo(TxReason.BAD_SIGNATURE);
        assertThat(d.detail()).contains("from names eag-2 but the signer is eag-1");
    }

    @Test
    void aSignedPayloadInAnyOtherSpellingOrWithWrongFieldsIsMalformed() {
        String alloc = ",\"to\":\"" + C.node(1).address() + "\",\"amount\":2000000000,\"node\":\"node-1\"}";
        assertThat(verify(signedByEag1(head("allocation") + alloc)).reason()).isEqualTo(TxReason.OK);
        String[] bad = {
            head("allocation").replace("\"typ\":\"tx\"", "\"typ\":\"txn\"") + alloc,
            head("allocation").replace("\"seq\":3", "\"seq\":0") + alloc,
            head("allocation") + alloc.replace(",\"amount\"", ", \"amount\""),
            head("allocation") + alloc.replace("}", ",\"memo\":1}"),
            head("allocation") + alloc.replace("2000000000", "0"),
            head("allocation") + alloc.replace("\"node-1\"", "\"no de\""),
            head("allocation") + ",\"amount\":2000000000,\"to\":\"" + C.node(1).address() + "\",\"node\":\"node-1\"}",
            head("award") + ",\"to\":\"" + C.node(1).address() + "\",\"amount\":7,\"period\":0,\"wh\":0}",
            head("evidence") + ",\"evidence\":\"\"}",
            head("evidence") + ",\"evidence\":\"AQI\"}",
            head("credit") + ",\"record\":\"%%%\"}",
            head("transfer") + ",\"transfer\":\"AQID\"}",
        };
        for (String json : bad) {
            Outcome<TxReason, LedgerTransaction> d = verify(signedByEag1(json));
            assertThat(d.reason()).as(json).isIn(TxReason.MALFORMED_PAYLOAD, TxReason.MALFORMED_TRANSFER);
        }
        assertThat(verify(signedByEag1(head("evidence") + ",\"evidence\":\"AQI\"}"))
                        .reason())
                .isEqualTo(TxReason.MALFORMED_PAYLOAD);
    }

    @Test
    void aKindThisCodecDoesNotKnowIsRefusedAsUnknown() {
        assertThat(verify(signedByEag1(head("loan") + ",\"record\":\"AQID\"}")).reason())
                .isEqualTo(TxReason.UNKNOWN_KIND);
        assertThat(verify(signedByEag1(head("TRANSFER") + ",\"record\":\"AQID\"}"))
                        .reason())
                .isEqualTo(TxReason.UNKNOWN_KIND);
    }

    @Test
    void theInnerTransferAndCosignAreVerifiedWithTheirOwnReasons() {
        TransferTx good = transfer(1);
        byte[] t = good.transferEnvelope();
        byte[] c = good.cosignEnvelope();
        byte[] tamperedT = t.clone();
        tamperedT[new String(t, StandardCharsets.US_ASCII).indexOf("\"amount\":") + 9] ^= 0x01;
        byte[] tamperedC = c.clone();
        tamperedC[new String(c, StandardCharsets.US_ASCII).indexOf("\"ts\":") + 8] ^= 0x01;
        TransferTx other = transfer(2);

        assertThat(verify(signedByEag1(transferJson(b64("junk".getBytes(StandardCharsets.US_ASCII)), b64(c))))
                        .reason())
                .isEqualTo(TxReason.MALFORMED_TRANSFER);
        assertThat(verify(signedByEag1(transferJson(b64(tamperedT), b64(c)))).reason())
                .isEqualTo(TxReason.BAD_TRANSFER_SIGNATURE);
        assertThat(verify(signedByEag1(transferJson(b64(t), b64("junk".getBytes(StandardCharsets.US_ASCII)))))
                        .reason())
                .isEqualTo(TxReason.MALFORMED_COSIGN);
        assertThat(verify(signedByEag1(transferJson(b64(t), b64(tamperedC)))).reason())
                .isEqualTo(TxReason.BAD_COSIGN_SIGNATURE);
        assertThat(verify(signedByEag1(transferJson(b64(t), b64(other.cosignEnvelope()))))
                        .reason())
                .isEqualTo(TxReason.COSIGN_MISMATCH);
        assertThat(verify(signedByEag1(transferJson(b64(t), b64(c)))).reason()).isEqualTo(TxReason.OK);
    }

    static String transferJson(String transfer, String cosign) {
        return head("transfer") + ",\"transfer\":\"" + transfer + "\",\"cosign\":\"" + cosign + "\"}";
    }

    @Test
    void damagedAdmissionsNeverThrowAndNeverVerify() {
        byte[] raw = LedgerTransaction.sign(EAG1, 1, TS, transfer(1), EAG1_KEYS);
        for (long seed = 0; seed < 1500; seed++) {
            byte[] m = ByteMutations.mutate(raw, seed, "{}\":,|0123456789EBC=+/");
            if (!Arrays.equals(m, raw)) {
                assertThat(verify(m).reason()).as("seed %d", seed).isNotEqualTo(TxReason.OK);
            }
        }
    }

    /** The transfer payload written without the generator is byte for byte the generator's, for any id and numbers. */
    @Test
    void aTransferPayloadIsWrittenAsTheGeneratorWritesIt() {
        java.util.Random r = new java.util.Random(42);
        String idChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
        List<TransferTx> bodies = List.of(transfer(1), transfer(2), transfer(3));
        int checked = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder id = new StringBuilder();
            int len = 1 + r.nextInt(40);
            for (int k = 0; k < len; k++) {
                id.append(idChars.charAt(r.nextInt(idChars.length())));
            }
            if (!EagId.isValid(id.toString())) {
                continue;
            }
            EagId eag = EagId.of(id.toString());
            long seq = switch (r.nextInt(3)) {
                case 0 -> 1 + r.nextInt(1000);
                case 1 -> Long.MAX_VALUE - r.nextInt(10);
                default -> r.nextLong();
            };
            long ts = r.nextBoolean() ? TS + r.nextInt(1_000_000) : r.nextLong();
            TransferTx body = bodies.get(r.nextInt(bodies.size()));
            assertThat(LedgerTransaction.payloadBytes(eag, seq, ts, body))
                    .as("%s %d %d", eag, seq, ts)
                    .isEqualTo(LedgerTransaction.payloadBytesWithJackson(eag, seq, ts, body));
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void verifyingWithoutACopyGivesTheSameAnswers() {
        byte[] good = LedgerTransaction.sign(EAG1, 7, TS, transfer(1), EAG1_KEYS);
        byte[] bad = good.clone();
        bad[bad.length - 10] = (byte) (bad[bad.length - 10] == '1' ? '2' : '1');
        for (byte[] raw : List.of(good, bad, "EBC1|{}|{}".getBytes(StandardCharsets.US_ASCII))) {
            Outcome<TxReason, LedgerTransaction> copied = verify(raw);
            Outcome<TxReason, LedgerTransaction> kept =
                    LedgerTransaction.verifyKeeping(raw, C.genesis()::memberByKeyId);
            assertThat(kept.reason()).isEqualTo(copied.reason());
            assertThat(kept.detail()).isEqualTo(copied.detail());
            assertThat(kept.value()).isEqualTo(copied.value());
        }
        LedgerTransaction tx = LedgerTransaction.verifyKeeping(good, C.genesis()::memberByKeyId)
                .orElseThrow();
        assertThat(tx.raw()).isEqualTo(good).isNotSameAs(good);
        assertThat(tx.id()).isEqualTo(Sha256Hash.of(good));
    }
}
