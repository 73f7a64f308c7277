package org.ebc.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.Cosign;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.testing.GoldenVectors;
import org.ebc.testing.TradeSamples;
import org.ebc.wire.ResendRequest;
import org.junit.jupiter.api.Test;

/**
 * The committed market and payment messages under {@code golden/trade/} (see golden/README.md): each still
 * verifies with its signer's key, decodes to exactly the sample it was made from, and today's encoder writes
 * its payload byte for byte. A failure here is a wire-format change: fix the code, not the vector.
 */
class TradeGoldenVectorTest {

    @Test
    void theGoldenOrderIsSignedByTheNodeAndReadsBack() {
        SignedEnvelope e = verified("order.txt", TradeSamples.NODE_KEYS.getPublic());
        assertThat(Order.from(e).value()).isEqualTo(TradeSamples.order());
        assertThat(e.payloadBytes()).isEqualTo(TradeSamples.order().payloadBytes());
    }

    @Test
    void theGoldenEagMessagesVerifyAndReadBack() {
        check(
                "receipt.txt",
                Receipt::from,
                TradeSamples.receipt(),
                TradeSamples.receipt().payloadBytes());
        check(
                "market-info.txt",
                MarketInfo::from,
                TradeSamples.marketInfo(),
                TradeSamples.marketInfo().payloadBytes());
        check(
                "demand.txt",
                DemandNotice::from,
                TradeSamples.demandNotice(),
                TradeSamples.demandNotice().payloadBytes());
        check(
                "market-result.txt",
                MarketResult::from,
                TradeSamples.marketResult(),
                TradeSamples.marketResult().payloadBytes());
        check(
                "allocation.txt",
                NodeAllocation::from,
                TradeSamples.nodeAllocation(),
                TradeSamples.nodeAllocation().payloadBytes());
        check("bill.txt", Bill::from, TradeSamples.bill(), TradeSamples.bill().payloadBytes());
        check(
                "balance.txt",
                BalanceNotice::from,
                TradeSamples.balanceNotice(),
                TradeSamples.balanceNotice().payloadBytes());
        check(
                "resend.txt",
                ResendRequest::from,
                TradeSamples.resendRequest(),
                TradeSamples.resendRequest().payloadBytes());
    }

    @Test
    void theGoldenTransferAndItsCosignatureCheckWithNoRegistry() {
        byte[] transfer = GoldenVectors.bytes("trade/transfer.txt");
        PaymentCheck.Checked<Transfer> t = PaymentCheck.transfer(transfer);
        assertThat(t.reason()).as(t.detail()).isEqualTo(org.ebc.payment.PaymentReason.OK);
        assertThat(t.get()).isEqualTo(TradeSamples.transfer());
        assertThat(t.digestHex()).isEqualTo(Sha256.hex(transfer));
        assertThat(payloadOf(transfer)).isEqualTo(TradeSamples.transfer().payloadBytes());

        byte[] cosign = GoldenVectors.bytes("trade/cosign.txt");
        PaymentCheck.Checked<Cosign> c = PaymentCheck.cosign(cosign, t.get(), t.digestHex());
        assertThat(c.reason()).as(c.detail()).isEqualTo(org.ebc.payment.PaymentReason.OK);
        assertThat(c.get()).isEqualTo(TradeSamples.cosign(t.digestHex()));
        assertThat(payloadOf(cosign))
                .isEqualTo(TradeSamples.cosign(t.digestHex()).payloadBytes());
    }

    @Test
    void theGoldenCosignRequestCarriesTheGoldenTransferUntouched() {
        SignedEnvelope e = verified("cosign-request.txt", TradeSamples.EAG_KEYS.getPublic());
        CosignRequest r = CosignRequest.from(e).value();
        byte[] transfer = GoldenVectors.bytes("trade/transfer.txt");
        assertThat(r.transfer()).isEqualTo(transfer);
        CosignRequest expected = TradeSamples.cosignRequest(transfer);
        assertThat(r.node()).isEqualTo(expected.node());
        assertThat(r.bill()).isEqualTo(expected.bill());
        assertThat(r.covered()).isEqualTo(expected.covered());
        assertThat(e.payloadBytes()).isEqualTo(expected.payloadBytes());
    }

    private static <T> void check(
            String file, Function<SignedEnvelope, Decoded<T>> decode, T expected, byte[] payload) {
        SignedEnvelope e = verified(file, TradeSamples.EAG_KEYS.getPublic());
        Decoded<T> d = decode.apply(e);
        assertThat(d.isOk()).as(file + ": " + d).isTrue();
        assertThat(d.value()).as(file).isEqualTo(expected);
        assertThat(e.payloadBytes()).as(file + " payload").isEqualTo(payload);
    }

    private static SignedEnvelope verified(String file, PublicKey key) {
        EnvelopeResult r = EnvelopeCodec.verify(
                GoldenVectors.bytes("trade/" + file),
                id -> id.equals(KeyId.of(key)) ? Optional.of(key) : Optional.empty());
        assertThat(r.isOk()).as(file + ": " + r.detail()).isTrue();
        return r.envelope();
    }

    private static byte[] payloadOf(byte[] envelope) {
        return EnvelopeCodec.frame(envelope, EnvelopeCodec.DEFAULT_MAX_BYTES)
                .envelope()
                .payloadBytes();
    }
}
