package org.ebc.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.CosignRequest;
import org.ebc.testing.ByteMutations;
import org.ebc.testing.GoldenVectors;
import org.ebc.testing.TradeSamples;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wire.ResendRequest;
import org.junit.jupiter.api.Test;

/** The market messages' decoders refuse what is out of shape with a sentence, and never throw. */
class TradeDecoderTest {
    private static final String SIGNIFICANT = "{}[]|\":,0123456789-abcdeflsuy";

    @Test
    void everyMessageRoundTripsThroughItsSignedEnvelope() {
        assertThat(roundTrip(
                        TradeSamples.order()
                                .sign(
                                        TradeSamples.NODE_KEYS.getPrivate(),
                                        KeyId.of(TradeSamples.NODE_KEYS.getPublic())),
                        Order::from))
                .isEqualTo(TradeSamples.order());
        assertThat(roundTrip(eag(TradeSamples.bill().payloadBytes()), Bill::from))
                .isEqualTo(TradeSamples.bill());
        assertThat(roundTrip(eag(TradeSamples.nodeAllocation().payloadBytes()), NodeAllocation::from))
                .isEqualTo(TradeSamples.nodeAllocation());
        assertThat(roundTrip(eag(TradeSamples.marketInfo().payloadBytes()), MarketInfo::from))
                .isEqualTo(TradeSamples.marketInfo());
    }

    @Test
    void anUnknownFieldAWrongTypeOrAMissingFieldIsAProblemNamedInASentence() {
        String order = new String(TradeSamples.order().payloadBytes(), StandardCharsets.UTF_8);
        assertThat(problem(order.replace("\"addr\"", "\"memo\":1,\"addr\""), Order::from))
                .isEqualTo("unknown field memo");
        assertThat(problem(order.replace("\"typ\":\"order\"", "\"typ\":\"bill\""), Order::from))
                .contains("typ must be order");
        assertThat(problem(order.replace("\"side\":\"buy\"", "\"side\":\"hold\""), Order::from))
                .contains("side must be one of buy, sell");
        assertThat(problem(order.replace("\"wh\":1250", "\"wh\":0"), Order::from))
                .contains("wh must be");
        assertThat(problem(order.replace("\"wh\":1250", "\"wh\":12.5"), Order::from))
                .contains("wh must be");
        assertThat(problem(order.replace("\"price\":30000000,", ""), Order::from))
                .contains("price must be");
        assertThat(problem(order.replace("\"addr\":\"", "\"addr\":\"x"), Order::from))
                .contains("addr must be a wallet address");
    }

    @Test
    void aBillWhoseAmountIsNotTheCostOfItsEnergyIsRefused() {
        String bill = new String(TradeSamples.bill().payloadBytes(), StandardCharsets.UTF_8);
        assertThat(problem(bill.replace("\"amount\":11100000", "\"amount\":11100001"), Bill::from))
                .contains("is not the cost of");
    }

    @Test
    void aLoanBillSellsNoEnergyAndRoundTrips() {
        Bill loan = new Bill(
                TradeSamples.EAG,
                43,
                TradeSamples.TS,
                "eag-1:loan-1/1",
                TradeSamples.SLOT,
                Bill.LOAN,
                TradeSamples.PAYER,
                TradeSamples.PAYEE,
                org.ebc.units.Energy.ZERO,
                org.ebc.units.Price.ZERO,
                org.ebc.units.CoinAmount.ofMinorUnits(1_234_567));
        assertThat(roundTrip(eag(loan.payloadBytes()), Bill::from)).isEqualTo(loan);

        String text = new String(loan.payloadBytes(), StandardCharsets.UTF_8);
        assertThat(problem(text.replace("\"wh\":0", "\"wh\":600"), Bill::from)).contains("a loan bill sells no energy");
        assertThat(problem(text.replace("\"amount\":1234567", "\"amount\":0"), Bill::from))
                .contains("a loan bill sells no energy");
    }

    @Test
    void anAllocationWhoseLinesDoNotAddUpIsRefused() {
        String a = new String(TradeSamples.nodeAllocation().payloadBytes(), StandardCharsets.UTF_8);
        assertThat(problem(a.replace("\"matchedWh\":1000", "\"matchedWh\":900"), NodeAllocation::from))
                .contains("must equal ordered");
        assertThat(problem(a.replace("\"wh\":600", "\"wh\":500"), NodeAllocation::from))
                .contains("add up to");
    }

    @Test
    void messagesKeepTheirOwnInvariants() {
        assertThatThrownBy(() -> new Order(
                        TradeSamples.NODE,
                        0,
                        TradeSamples.TS,
                        TradeSamples.SLOT,
                        Side.BUY,
                        Energy.ofWh(1),
                        Price.ZERO,
                        TradeSamples.PAYER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bill(
                        TradeSamples.EAG,
                        1,
                        TradeSamples.TS,
                        "b-1",
                        TradeSamples.SLOT,
                        Bill.P2P,
                        TradeSamples.PAYER,
                        TradeSamples.PAYER,
                        Energy.ofWh(1),
                        Price.ZERO,
                        Price.ZERO.costOf(Energy.ofWh(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResendRequest(TradeSamples.EAG, 1, TradeSamples.TS, TradeSamples.NODE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void damagedMessagesNeverThrow() {
        List<String> files = List.of(
                "order.txt",
                "receipt.txt",
                "market-info.txt",
                "demand.txt",
                "market-result.txt",
                "allocation.txt",
                "bill.txt",
                "cosign-request.txt",
                "balance.txt",
                "resend.txt");
        List<Function<SignedEnvelope, ? extends Decoded<?>>> decoders = List.of(
                Order::from,
                Receipt::from,
                MarketInfo::from,
                DemandNotice::from,
                MarketResult::from,
                NodeAllocation::from,
                Bill::from,
                CosignRequest::from,
                BalanceNotice::from,
                ResendRequest::from);
        int decoded = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] golden = GoldenVectors.bytes("trade/" + files.get(f));
            byte[] payload = EnvelopeCodec.frame(golden, EnvelopeCodec.DEFAULT_MAX_BYTES)
                    .envelope()
                    .payloadBytes();
            for (int i = 0; i < 1_000; i++) {
                byte[] damaged = ByteMutations.mutate(payload, f * 100_000L + i, SIGNIFICANT);
                EnvelopeResult framed = EnvelopeCodec.frame(eag(damaged), EnvelopeCodec.DEFAULT_MAX_BYTES);
                if (!framed.isOk()) {
                    continue;
                }
                EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
                if (!parsed.isOk()) {
                    continue;
                }
                // Every decoder on every damaged message: a mismatched type is a problem, never a throw.
                for (var d : decoders) {
                    assertThat(d.apply(parsed.envelope())).isNotNull();
                }
                decoded++;
            }
        }
        assertThat(decoded)
                .as("damaged messages that still parsed as JSON and reached the decoders")
                .isGreaterThan(1_000);
    }

    private static byte[] eag(byte[] payload) {
        return EnvelopeCodec.sign(payload, TradeSamples.EAG_KEYS.getPrivate(), TradeSamples.eagKeyId());
    }

    private static <T> T roundTrip(byte[] signed, Function<SignedEnvelope, Decoded<T>> decode) {
        EnvelopeResult r = EnvelopeCodec.verify(
                signed,
                id -> Optional.of(
                        id.equals(TradeSamples.eagKeyId())
                                ? TradeSamples.EAG_KEYS.getPublic()
                                : TradeSamples.NODE_KEYS.getPublic()));
        assertThat(r.isOk()).as(r.detail()).isTrue();
        return decode.apply(r.envelope()).value();
    }

    private static <T> String problem(String payload, Function<SignedEnvelope, Decoded<T>> decode) {
        EnvelopeResult framed =
                EnvelopeCodec.frame(eag(payload.getBytes(StandardCharsets.UTF_8)), EnvelopeCodec.DEFAULT_MAX_BYTES);
        EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
        assertThat(parsed.isOk()).as(parsed.detail()).isTrue();
        Decoded<T> d = decode.apply(parsed.envelope());
        assertThat(d.isOk()).as("expected a problem with " + payload).isFalse();
        return d.problem();
    }
}
