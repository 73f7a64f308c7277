package org.ebc.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** The credit bank's wire messages sign, verify and read back; malformed ones are refused with a reason. */
class CreditMessagesTest {
    private final KeyPair key = KeyPairs.generate();
    private final Instant at = Instant.parse("2026-12-07T10:00:00Z");
    private final WalletAddress a = WalletAddress.of(KeyPairs.generate().getPublic());
    private final WalletAddress b = WalletAddress.of(KeyPairs.generate().getPublic());

    private EnvelopeResult verify(byte[] raw) {
        return EnvelopeCodec.verify(
                raw, k -> k.equals(KeyId.of(key.getPublic())) ? Optional.of(key.getPublic()) : Optional.empty());
    }

    private CreditMessage roundTrip(CreditMessage m) {
        EnvelopeResult r = verify(m.sign(key.getPrivate(), KeyId.of(key.getPublic())));
        assertThat(r.isOk()).as(r.detail()).isTrue();
        Decoded<CreditMessage> d = CreditMessage.from(r.envelope());
        assertThat(d.isOk()).as(d.toString()).isTrue();
        return d.value();
    }

    @Test
    void aRequestAPaymentAndARepaymentReadBackAsSent() {
        CreditMessage.Request req =
                new CreditMessage.Request(NodeId.of("node-1"), 4, at, CoinAmount.ofCoins(12), -3, List.of(a, b), a);
        assertThat(roundTrip(req)).isEqualTo(req);
        CreditMessage.Pay pay = new CreditMessage.Pay(
                NodeId.of("node-2"),
                5,
                at,
                "EBC1|{}|{}".getBytes(StandardCharsets.UTF_8),
                b,
                "bill-9",
                CoinAmount.ofMinorUnits(77));
        CreditMessage.Pay back = (CreditMessage.Pay) roundTrip(pay);
        assertThat(back.token()).isEqualTo(pay.token());
        assertThat(back.bill()).isEqualTo("bill-9");
        assertThat(back.amount()).isEqualTo(CoinAmount.ofMinorUnits(77));
        CreditMessage.Repay repay = new CreditMessage.Repay(NodeId.of("node-1"), 6, at, "eag-1:loan-2", a);
        assertThat(roundTrip(repay)).isEqualTo(repay);
    }

    @Test
    void anUnknownOperationOrABadAddressIsRefusedWithItsField() {
        byte[] bad = EnvelopeCodec.sign(
                "{\"typ\":\"credit\",\"from\":\"node-1\",\"seq\":1,\"ts\":1,\"op\":\"steal\"}"
                        .getBytes(StandardCharsets.UTF_8),
                key.getPrivate(),
                KeyId.of(key.getPublic()));
        Decoded<CreditMessage> d = CreditMessage.from(verify(bad).envelope());
        assertThat(d.isOk()).isFalse();
        assertThat(d.problem()).contains("op");
        byte[] addr = EnvelopeCodec.sign(
                ("{\"typ\":\"credit\",\"from\":\"node-1\",\"seq\":1,\"ts\":1,\"op\":\"request\","
                                + "\"amount\":5,\"credit\":0,\"addrs\":[\"nope\"],\"repay\":\"" + a + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                key.getPrivate(),
                KeyId.of(key.getPublic()));
        Decoded<CreditMessage> e = CreditMessage.from(verify(addr).envelope());
        assertThat(e.isOk()).isFalse();
        assertThat(e.problem()).contains("addrs");
    }

    @Test
    void theBanksAnswerAndTheBlacklistNoticeReadBack() {
        CreditAnswer ans = new CreditAnswer(
                EagId.of("eag-1"),
                9,
                at,
                NodeId.of("node-1"),
                4,
                "request",
                "NO_INCOME",
                "node-1 earned 0",
                -7,
                new byte[0]);
        EnvelopeResult r = verify(ans.sign(key.getPrivate(), KeyId.of(key.getPublic())));
        CreditAnswer back = CreditAnswer.from(r.envelope()).value();
        assertThat(back.ok()).isFalse();
        assertThat(back.result()).isEqualTo("NO_INCOME");
        assertThat(back.re()).isEqualTo(4);
        assertThat(back.credit()).isEqualTo(-7);
        BlacklistNotice n = new BlacklistNotice(EagId.of("eag-1"), 3, at, NodeId.of("node-1"), "eag-1:loan-2");
        EnvelopeResult nr = verify(n.sign(key.getPrivate(), KeyId.of(key.getPublic())));
        assertThat(BlacklistNotice.from(nr.envelope()).value()).isEqualTo(n);
    }
}
