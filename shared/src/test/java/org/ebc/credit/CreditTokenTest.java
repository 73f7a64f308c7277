package org.ebc.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
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

/** A credit token signs, verifies under its bank's key, and reads back field for field; a changed byte does not verify. */
class CreditTokenTest {
    private final KeyPair bank = KeyPairs.generate();
    private final CreditToken token = new CreditToken(
            EagId.of("eag-1"),
            3,
            Instant.parse("2026-12-07T10:00:00Z"),
            "eag-1:loan-7",
            NodeId.of("node-4"),
            WalletAddress.of(KeyPairs.generate().getPublic()),
            CoinAmount.ofCoins(100),
            CoinAmount.ofCoins(40),
            Instant.parse("2027-01-06T10:00:00Z"),
            Instant.parse("2027-01-16T10:00:00Z"),
            CoinAmount.ofMinorUnits(123_456),
            CoinAmount.ofMinorUnits(9_876_543),
            2,
            1,
            "ab".repeat(32));

    private EnvelopeResult verify(byte[] raw) {
        return EnvelopeCodec.verify(
                raw, k -> k.equals(KeyId.of(bank.getPublic())) ? Optional.of(bank.getPublic()) : Optional.empty());
    }

    @Test
    void aSignedTokenVerifiesAndReadsBackAsTheSameToken() {
        byte[] raw = token.sign(bank.getPrivate(), KeyId.of(bank.getPublic()));
        EnvelopeResult r = verify(raw);
        assertThat(r.isOk()).as(r.detail()).isTrue();
        Decoded<CreditToken> d = CreditToken.from(r.envelope());
        assertThat(d.isOk()).as(d.toString()).isTrue();
        assertThat(d.value()).isEqualTo(token);
        assertThat(new String(raw, StandardCharsets.UTF_8))
                .startsWith("EBC1|{\"typ\":\"credit-token\",\"from\":\"eag-1\",\"seq\":3,");
    }

    @Test
    void aTokenWithOneChangedByteDoesNotVerify() {
        byte[] raw = token.sign(bank.getPrivate(), KeyId.of(bank.getPublic()));
        String text =
                new String(raw, StandardCharsets.UTF_8).replace("\"balance\":4000000000", "\"balance\":9000000000");
        assertThat(verify(text.getBytes(StandardCharsets.UTF_8)).isOk()).isFalse();
    }

    @Test
    void aPaymentMakesTheNextVersionWithLessBalance() {
        CreditToken next =
                token.afterPayment(CoinAmount.ofCoins(15), Instant.parse("2026-12-08T10:00:00Z"), "cd".repeat(32));
        assertThat(next.version()).isEqualTo(4);
        assertThat(next.balance()).isEqualTo(CoinAmount.ofCoins(25));
        assertThat(next.amount()).isEqualTo(token.amount());
        assertThat(next.paymentsHash()).isEqualTo("cd".repeat(32));
    }
}
