package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.ledger.Block;
import org.ebc.ledger.InclusionProof;
import org.ebc.ledger.MerkleTree;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.ReadingUse;
import org.ebc.ledger.TradeProof;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.testing.TestAuthority;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

/**
 * {@link TradeProof#check}: a proof assembled from real parts (a certified chain whose block 2 holds node-1's
 * transfer of 3 coins to node-5 for bill {@code bill-node-1-1}, node-5's meter certificate from the same authority,
 * its signed border readings, the bill and the statement signed by eag-1) holds, and each way it can be wrong is
 * refused with its own reason. {@code BenchTradeProofIT} does the same for a proof the product printed for a bench
 * reading.
 */
class TradeProofTest {
    static final long SLOT_LENGTH = 10_000;

    CertifiedChain chain = CertifiedChain.standard();
    Instant slot = Instant.ofEpochMilli(chain.c.authority().now().toEpochMilli() / 60_000 * 60_000);
    TestAuthority.Issued meter = chain.c.authority().node("node-5", "SIM-05");
    Parts parts = new Parts();

    /** The pieces of a proof, each replaceable by a test. */
    final class Parts {
        byte[] meterDer;
        byte[] start;
        byte[] end;
        Bill bill;
        KeyPair billSigner;
        ReadingUse use;
        KeyPair useSigner;
        byte[] payment;

        /** The parts of a proof that holds. */
        Parts() {
            meterDer = der(meter);
            start = border(41, slot.plusMillis(12), 500, 7_000, "G", meter.keys());
            end = border(51, slot.plusMillis(SLOT_LENGTH + 30), 520, 8_250, "G", meter.keys());
            bill = bill("bill-node-1-1", 1_000);
            billSigner = chain.c.eag(1).keys();
            useSigner = chain.c.eag(1).keys();
            payment = inclusion(2, 1);
            use = statement(ReadingUse.PAYEE);
        }

        byte[] json() {
            return new TradeProof(
                            meterDer,
                            start,
                            end,
                            use.sign(useSigner.getPrivate(), KeyId.of(useSigner.getPublic())),
                            bill.sign(billSigner.getPrivate(), KeyId.of(billSigner.getPublic())),
                            payment)
                    .toJson();
        }

        /** The statement as the EAG would sign it for the current readings and bill. */
        ReadingUse statement(String role) {
            return new ReadingUse(
                    bill.eag(),
                    bill.seq(),
                    slot.plusMillis(SLOT_LENGTH + 60_000),
                    bill.id(),
                    NodeId.of("node-5"),
                    ReadingUse.PAYER.equals(role) ? bill.payer() : bill.payee(),
                    role,
                    bill.slot(),
                    SLOT_LENGTH,
                    Sha256.hex(start),
                    Sha256.hex(end));
        }
    }

    private Bill bill(String id, long wh) {
        return new Bill(
                EagId.of("eag-1"),
                17,
                slot.plusMillis(SLOT_LENGTH + 5_000),
                id,
                slot,
                Bill.P2P,
                chain.c.node(1).address(),
                chain.c.node(5).address(),
                Energy.ofWh(wh),
                Price.ofMinorUnitsPerKWh(CoinAmount.ofCoins(3).minorUnits() * 1000 / wh),
                CoinAmount.ofCoins(3));
    }

    private static byte[] der(TestAuthority.Issued i) {
        try {
            return i.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] border(long page, Instant time, long importWh, long exportWh, String status, KeyPair signer) {
        OcmfPayload p = new OcmfPayload(
                "1.0",
                "ebc meter-agent",
                "node-5",
                "0.1.0",
                PageCounter.of(page),
                "ebc",
                "S0",
                "SIM-05",
                "1.0",
                List.of(
                        new OcmfReading(
                                time, ClockStatus.S, "B", Energy.ofWh(importWh), Obis.IMPORT_ACTIVE_ENERGY, "", status),
                        new OcmfReading(
                                time, ClockStatus.S, "B", Energy.ofWh(exportWh), Obis.EXPORT_ACTIVE_ENERGY, "", "G")));
        return OcmfCodec.sign(p, signer.getPrivate());
    }

    /** The inclusion proof of the transaction at {@code position} of block {@code height}. */
    private byte[] inclusion(int height, int position) {
        var certified = chain.blocks.get(height - 1);
        Block b = Block.decode(certified.block()).orElseThrow();
        return new InclusionProof(
                        chain.c.genesisBytes(),
                        b.transactions().get(position - 1),
                        MerkleTree.prove(b.leaves(), position),
                        b.header().bytes(),
                        certified.certificate().toJson())
                .toJson();
    }

    private Outcome<TradeProof.Reason, TradeProof.Proven> check() {
        return TradeProof.check(parts.json(), chain.c.authority().root());
    }

    private TradeProof.Reason reason() {
        Outcome<TradeProof.Reason, TradeProof.Proven> o = check();
        assertThat(o.isOk()).as("refused: %s", o.detail()).isFalse();
        return o.reason();
    }

    @Test
    void aProofOfRealPartsHoldsAndSaysWhatTheMeterMeasured() {
        Outcome<TradeProof.Reason, TradeProof.Proven> o = check();
        assertThat(o.isOk()).as(o.detail()).isTrue();
        TradeProof.Proven p = o.orElseThrow();
        assertThat(p.measured()).isEqualTo(Energy.ofWh(1_250));
        assertThat(p.bill().id()).isEqualTo("bill-node-1-1");
        assertThat(p.transfer().amount()).isEqualTo(CoinAmount.ofCoins(3));
        assertThat(p.payment().header().height()).isEqualTo(2);
        assertThat(TradeProof.parse(parts.json())).isPresent();
        assertThat(TradeProof.isOne(parts.json())).isTrue();
        assertThat(TradeProof.isOne(parts.payment)).isFalse();
    }

    @Test
    void changingAnyOneByteOfTheReadingsBillOrStatementBreaksTheProof() {
        byte[] good = parts.json();
        // The inline inclusion proof's bytes are LedgerProofTest's; BenchTradeProofIT changes every byte of a whole
        // one.
        int payment = new String(good, StandardCharsets.UTF_8).indexOf(",\"payment\":");
        for (int k = 0; k < payment + 12; k++) {
            byte[] bad = good.clone();
            bad[k] = (byte) (bad[k] ^ (k % 2 == 0 ? 0x01 : 0x20));
            assertThat(TradeProof.check(bad, chain.c.authority().root()).isOk())
                    .as("byte %d of %d", k, good.length)
                    .isFalse();
        }
    }

    @Test
    void anythingButAProofInItsOneSpellingIsMalformed() {
        byte[] good = parts.json();
        String spaced = new String(good, StandardCharsets.UTF_8).replace(",\"v\":1,", ", \"v\":1,");
        assertThat(TradeProof.check(
                                spaced.getBytes(StandardCharsets.UTF_8),
                                chain.c.authority().root())
                        .reason())
                .isEqualTo(TradeProof.Reason.MALFORMED);
        assertThat(TradeProof.check(
                                "{}".getBytes(StandardCharsets.UTF_8),
                                chain.c.authority().root())
                        .reason())
                .isEqualTo(TradeProof.Reason.MALFORMED);
    }

    @Test
    void aPaymentNotInACertifiedBlockIsRefused() {
        byte[] p = parts.payment.clone();
        String text = new String(p, StandardCharsets.UTF_8);
        int header = text.indexOf("\"header\":\"") + 20;
        p[header] = (byte) (p[header] == '0' ? '1' : '0');
        parts.payment = p;
        assertThat(reason()).isEqualTo(TradeProof.Reason.PAYMENT_INVALID);
    }

    @Test
    void aProvenAllocationIsNotAPayment() {
        parts.payment = inclusion(1, 1);
        assertThat(reason()).isEqualTo(TradeProof.Reason.NOT_A_TRANSFER);
    }

    @Test
    void aBillNotSignedByAGenesisEagIsRefused() {
        parts.billSigner = KeyPairs.generate();
        assertThat(reason()).isEqualTo(TradeProof.Reason.BILL_INVALID);
    }

    @Test
    void aBillSignedByOneEagInTheNameOfAnotherIsRefused() {
        parts.billSigner = chain.c.eag(2).keys();
        assertThat(reason()).isEqualTo(TradeProof.Reason.BILL_INVALID);
    }

    @Test
    void aBillTheProvenTransferDoesNotPayIsRefused() {
        parts.bill = bill("bill-node-1-2", 1_000);
        parts.use = parts.statement(ReadingUse.PAYEE);
        assertThat(reason()).isEqualTo(TradeProof.Reason.BILL_NOT_PAID_BY_TRANSFER);
    }

    @Test
    void aStatementNotSignedByAGenesisEagIsRefused() {
        parts.useSigner = meter.keys();
        assertThat(reason()).isEqualTo(TradeProof.Reason.USE_INVALID);
    }

    @Test
    void aStatementAboutAnotherSlotOrOtherReadingsIsRefused() {
        ReadingUse u = parts.use;
        parts.use = new ReadingUse(
                u.eag(),
                u.seq(),
                u.at(),
                u.bill(),
                u.node(),
                u.address(),
                u.role(),
                u.slot().plusMillis(SLOT_LENGTH),
                u.lengthMs(),
                u.start(),
                u.end());
        assertThat(reason()).isEqualTo(TradeProof.Reason.USE_MISMATCH);

        parts.use = u;
        byte[] s = parts.start;
        parts.start = parts.end;
        parts.end = s;
        assertThat(reason()).as("readings swapped").isEqualTo(TradeProof.Reason.USE_MISMATCH);
    }

    @Test
    void aMeterFieldThatIsNotExactlyOneCertificateIsRefused() {
        byte[] d = parts.meterDer;
        parts.meterDer = java.util.Arrays.copyOf(d, d.length + 1);
        assertThat(reason()).as("a byte after the certificate").isEqualTo(TradeProof.Reason.METER_CERTIFICATE_INVALID);
        parts.meterDer = java.util.Arrays.copyOf(d, d.length - 1);
        assertThat(reason()).as("a byte short").isEqualTo(TradeProof.Reason.METER_CERTIFICATE_INVALID);
    }

    @Test
    void aMeterCertificateFromAnotherAuthorityIsRefused() {
        TestAuthority other = TestAuthority.create();
        TestAuthority.Issued forged = other.node("node-5", "SIM-05");
        parts.meterDer = der(forged);
        parts.start = border(41, slot.plusMillis(12), 500, 7_000, "G", forged.keys());
        parts.end = border(51, slot.plusMillis(SLOT_LENGTH + 30), 520, 8_250, "G", forged.keys());
        parts.use = parts.statement(ReadingUse.PAYEE);
        assertThat(reason()).isEqualTo(TradeProof.Reason.METER_CERTIFICATE_INVALID);
    }

    @Test
    void aReadingNotSignedByTheCertifiedMeterIsRefused() {
        parts.end = border(51, slot.plusMillis(SLOT_LENGTH + 30), 520, 8_250, "G", KeyPairs.generate());
        parts.use = parts.statement(ReadingUse.PAYEE);
        assertThat(reason()).isEqualTo(TradeProof.Reason.READING_INVALID);
    }

    @Test
    void readingsOfAnotherMeterOrAwayFromTheBordersAreRefused() {
        TestAuthority.Issued otherMeter = chain.c.authority().node("node-6", "SIM-06");
        parts.meterDer = der(otherMeter);
        parts.start = border(41, slot.plusMillis(12), 500, 7_000, "G", otherMeter.keys());
        parts.end = border(51, slot.plusMillis(SLOT_LENGTH + 30), 520, 8_250, "G", otherMeter.keys());
        parts.use = parts.statement(ReadingUse.PAYEE);
        assertThat(reason())
                .as("node-6's certificate, node-5 in the statement")
                .isEqualTo(TradeProof.Reason.READING_MISMATCH);

        parts = new Parts();
        parts.end = border(51, slot.plusMillis(SLOT_LENGTH + 5_000), 520, 8_250, "G", meter.keys());
        parts.use = parts.statement(ReadingUse.PAYEE);
        assertThat(reason()).as("end reading 5 s late").isEqualTo(TradeProof.Reason.READING_MISMATCH);
    }

    @Test
    void aFlaggedBorderRegisterProvesNothing() {
        parts.start = border(41, slot.plusMillis(12), 500, 7_000, "E", meter.keys());
        parts.use = parts.statement(ReadingUse.PAYER);
        assertThat(reason()).isEqualTo(TradeProof.Reason.READING_FLAGGED);
    }

    @Test
    void aBillForMoreEnergyThanTheMeterMeasuredIsRefused() {
        parts.end = border(51, slot.plusMillis(SLOT_LENGTH + 30), 520, 7_999, "G", meter.keys());
        parts.use = parts.statement(ReadingUse.PAYEE);
        TradeProof.Reason r = reason();
        assertThat(r).isEqualTo(TradeProof.Reason.ENERGY_NOT_MEASURED);
        // The seller's import register moved 20 Wh: claiming the node as the bill's payer is no better.
        parts = new Parts();
        parts.use = parts.statement(ReadingUse.PAYER);
        assertThat(reason()).isEqualTo(TradeProof.Reason.ENERGY_NOT_MEASURED);
    }
}
