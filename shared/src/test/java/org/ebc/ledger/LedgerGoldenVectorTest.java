package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.ledger.TxBody.AllocationTx;
import org.ebc.ledger.TxBody.AwardTx;
import org.ebc.ledger.TxBody.CreditTx;
import org.ebc.ledger.TxBody.TransferTx;
import org.ebc.payment.Cosign;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.PaymentReason;
import org.ebc.payment.Transfer;
import org.ebc.testing.GoldenVectors;
import org.ebc.testing.TestAuthority;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/**
 * The committed ledger vectors (golden/README.md) keep verifying, decode to the values they were made from,
 * and today's encoders write them byte for byte. A failure here is a wire-format change: fix the code, not
 * the vector.
 */
class LedgerGoldenVectorTest {
    static final long T0 = 1_795_248_000_000L; // 2026-11-21T08:00:00Z
    static final String GENESIS_HASH = "46d580efa28d3fc812e247b97f6225396e451ba7d0d36f52cb5f9159ed64af13";
    static final WalletAddress NODE_A =
            WalletAddress.parse("Ecx2ygGvmDSp25kxifmkQWXF5ABx2AVodm").address();
    static final WalletAddress NODE_B =
            WalletAddress.parse("EfdekJkH7WtY3CCCaUqZLQPWSepRSyxxXY").address();

    private final X509Certificate root = Pem.readCertificate(GoldenVectors.path("ledger-authority.crt"));
    private final Genesis genesis =
            Genesis.verify(GoldenVectors.bytes("ledger-genesis.ebc"), root).orElseThrow();

    private LedgerTransaction tx(String file) {
        Outcome<TxReason, LedgerTransaction> d =
                LedgerTransaction.verify(GoldenVectors.bytes(file), genesis::memberByKeyId);
        assertThat(d.reason()).as(file).isEqualTo(TxReason.OK);
        return d.orElseThrow();
    }

    @Test
    void theGoldenGenesisVerifiesWithOnlyTheAuthorityRootAndReadsBackAsMade() {
        assertThat(genesis.hash().hex()).isEqualTo(GENESIS_HASH);
        assertThat(genesis.authority()).isEqualTo("golden-authority");
        assertThat(genesis.timeMillis()).isEqualTo(T0);
        assertThat(genesis.consortium()).isEqualTo("golden consortium");
        assertThat(genesis.members()).extracting(EagMember::id).containsExactly(EagId.of("eag-1"), EagId.of("eag-2"));
        assertThat(genesis.members())
                .extracting(m -> m.keyId().hex())
                .containsExactly("807e5f6f9588bcc6179d7db3c5c7795e", "52d97aac67fecd52e28ddf3a5c0c412a");
        assertThat(genesis.allocation().perNode()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(genesis.allocation().nodes()).isEqualTo(Map.of(NodeId.of("node-c"), CoinAmount.ofCoins(5)));
        assertThat(genesis.difficulty())
                .isEqualTo(new DifficultyRule(10_000, Target.ofLeadingZeroBits(8), Target.ofLeadingZeroBits(4), 10, 4));
        assertThat(genesis.timestamps()).isEqualTo(new TimestampRule(30_000, 11));
        assertThat(genesis.reward()).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(genesis.proofOfFlow()).contains(new ProofOfFlowRule(900_000, CoinAmount.ofMinorUnits(50_000_000)));
        assertThat(genesis.quorum()).isEqualTo(Quorum.BYZANTINE);
        assertThat(genesis.quorumSize()).isEqualTo(2);
    }

    @Test
    void todaysGenesisEncoderWritesTheGoldenPayloadByteForByte() {
        byte[] raw = GoldenVectors.bytes("ledger-genesis.ebc");
        SignedEnvelope e = EnvelopeCodec.frame(raw, Genesis.MAX_BYTES).envelope();
        Map<EagId, X509Certificate> eags = new java.util.LinkedHashMap<>();
        genesis.members().forEach(m -> eags.put(m.id(), m.certificate()));
        byte[] payload = GenesisCodec.payloadBytes(
                genesis.authority(),
                genesis.timeMillis(),
                genesis.consortium(),
                eags,
                genesis.allocation(),
                genesis.difficulty(),
                genesis.timestamps(),
                genesis.reward(),
                genesis.proofOfFlow().orElseThrow(),
                genesis.quorum());
        assertThat(payload).isEqualTo(e.payloadBytes());
        assertThat(EnvelopeCodec.assemble(payload, e.keyId(), e.signatureDer())).isEqualTo(raw);
    }

    @Test
    void theGoldenGenesisIsRefusedUnderAnotherAuthority() {
        X509Certificate other = TestAuthority.create("golden-authority", java.time.Instant.ofEpochMilli(T0))
                .root();
        assertThat(Genesis.verify(GoldenVectors.bytes("ledger-genesis.ebc"), other)
                        .reason())
                .isEqualTo(GenesisReason.NOT_FROM_AUTHORITY);
    }

    @Test
    void theLedgersTransferAndCosignVectorsCheckWithThePaymentCodecAndReEncodeByteForByte() {
        // Written by the ledger's interim copy of the SPEC format; the payment codec must agree to the byte.
        byte[] rawTransfer = GoldenVectors.bytes("ledger-transfer.txt");
        PaymentCheck.Checked<Transfer> checked = PaymentCheck.transfer(rawTransfer);
        assertThat(checked.reason()).isEqualTo(PaymentReason.OK);
        Transfer t = checked.get();
        assertThat(t.payer()).isEqualTo(NODE_A);
        assertThat(t.payee()).isEqualTo(NODE_B);
        assertThat(t.nonce()).isEqualTo(1);
        assertThat(t.at().toEpochMilli()).isEqualTo(T0 + 5_000);
        assertThat(t.amount()).isEqualTo(CoinAmount.ofMinorUnits(250_000_000));
        assertThat(t.bill()).isEqualTo("bill:2026-11-21T08:00:node-a");
        assertThat(WalletAddress.of(t.key())).isEqualTo(NODE_A);
        SignedEnvelope te =
                EnvelopeCodec.frame(rawTransfer, PaymentCheck.MAX_BYTES).envelope();
        assertThat(t.payloadBytes()).isEqualTo(te.payloadBytes());
        assertThat(EnvelopeCodec.assemble(t.payloadBytes(), KeyId.of(t.key()), te.signatureDer()))
                .isEqualTo(rawTransfer);

        byte[] rawCosign = GoldenVectors.bytes("ledger-cosign.txt");
        PaymentCheck.Checked<Cosign> cc = PaymentCheck.cosign(rawCosign, t, checked.digestHex());
        assertThat(cc.reason()).isEqualTo(PaymentReason.OK);
        Cosign c = cc.get();
        assertThat(c.payee()).isEqualTo(NODE_B);
        assertThat(c.payer()).isEqualTo(NODE_A);
        assertThat(c.nonce()).isEqualTo(1);
        assertThat(c.transferDigest()).isEqualTo(Sha256Hash.of(rawTransfer).hex());
        SignedEnvelope ce =
                EnvelopeCodec.frame(rawCosign, PaymentCheck.MAX_BYTES).envelope();
        assertThat(c.payloadBytes()).isEqualTo(ce.payloadBytes());
    }

    @Test
    void theGoldenLedgerTransactionsVerifyAgainstTheGoldenGenesisAndReEncodeByteForByte() {
        LedgerTransaction allocation = tx("ledger-tx-allocation.txt");
        assertThat(allocation.admittedBy()).isEqualTo(EagId.of("eag-1"));
        assertThat(allocation.seq()).isEqualTo(1);
        assertThat(allocation.body()).isEqualTo(new AllocationTx(NODE_A, CoinAmount.ofCoins(20), NodeId.of("node-a")));

        LedgerTransaction transfer = tx("ledger-tx-transfer.txt");
        assertThat(transfer.seq()).isEqualTo(2);
        TransferTx body = (TransferTx) transfer.body();
        assertThat(body.transferEnvelope()).isEqualTo(GoldenVectors.bytes("ledger-transfer.txt"));
        assertThat(body.cosignEnvelope()).isEqualTo(GoldenVectors.bytes("ledger-cosign.txt"));
        assertThat(body.transfer().payer()).isEqualTo(NODE_A);

        LedgerTransaction award = tx("ledger-tx-award.txt");
        assertThat(award.admittedBy()).isEqualTo(EagId.of("eag-2"));
        assertThat(award.body())
                .isEqualTo(new AwardTx(NODE_B, CoinAmount.ofMinorUnits(50_000_000), T0, Energy.ofWh(4200)));

        LedgerTransaction credit = tx("ledger-tx-credit.txt");
        assertThat(new String(((CreditTx) credit.body()).record(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("an opaque credit-bank record: this codec carries its bytes unread");

        for (LedgerTransaction t : List.of(allocation, transfer, award, credit)) {
            byte[] raw = t.raw();
            SignedEnvelope e =
                    EnvelopeCodec.frame(raw, LedgerTransaction.MAX_BYTES).envelope();
            assertThat(LedgerTransaction.payloadBytes(t.admittedBy(), t.seq(), t.timestampMillis(), t.body()))
                    .isEqualTo(e.payloadBytes());
            assertThat(t.id()).isEqualTo(Sha256Hash.of(raw));
        }
    }

    @Test
    void theGoldenBlockDecodesReEncodesAndCarriesItsProofOfWorkAndMinerSignature() {
        byte[] raw = GoldenVectors.bytes("ledger-block-1.bin");
        Block b = Block.decode(raw).orElseThrow();
        assertThat(b.encode()).isEqualTo(raw);
        BlockHeader h = b.header();
        assertThat(h.hash().hex()).isEqualTo("00a373a8cf6214e02cb36d79e05d7f7138b5eb19b8433a5ba2b661a1dd513082");
        assertThat(h.chain()).isEqualTo(genesis.hash());
        assertThat(h.previous()).isEqualTo(genesis.hash());
        assertThat(h.height()).isEqualTo(1);
        assertThat(h.timestampMillis()).isEqualTo(T0 + 10_000);
        assertThat(h.nonce()).isEqualTo(477);
        assertThat(h.target()).isEqualTo(Target.ofLeadingZeroBits(8));
        assertThat(h.transactionCount()).isEqualTo(2);
        assertThat(h.miner()).isEqualTo(EagId.of("eag-1"));
        assertThat(h.hasEnoughWork()).isTrue();
        assertThat(h.merkleRoot().hex()).isEqualTo("4ebf1ff5953c976b49f2a7a4f28b4999b862145bcf4743543a0fb3c2ad3a99ce");
        assertThat(b.computeMerkleRoot()).isEqualTo(h.merkleRoot());
        assertThat(b.isSignedBy(genesis.member(EagId.of("eag-1")).orElseThrow().key()))
                .isTrue();
        assertThat(b.isSignedBy(genesis.member(EagId.of("eag-2")).orElseThrow().key()))
                .isFalse();
        assertThat(b.transactions())
                .containsExactly(
                        GoldenVectors.bytes("ledger-tx-allocation.txt"), GoldenVectors.bytes("ledger-tx-transfer.txt"));
        Coinbase c = b.coinbase();
        assertThat(c.to())
                .isEqualTo(genesis.member(EagId.of("eag-1")).orElseThrow().address());
        assertThat(c.reward()).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(c.awards()).isEmpty();
        assertThat(Coinbase.of(c.chain(), c.height(), c.miner(), c.to(), c.reward(), c.awards())
                        .raw())
                .isEqualTo(c.raw());
        assertThat(BlockHeader.parse(h.bytes()).orElseThrow()).isEqualTo(h);
        for (int i = 0; i < b.leaves().size(); i++) {
            assertThat(MerkleTree.prove(b.leaves(), i).provesIn(h, b.leaves().get(i)))
                    .isTrue();
        }
    }
}
