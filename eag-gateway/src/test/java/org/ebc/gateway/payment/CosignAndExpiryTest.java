package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ebc.crypto.Sha256;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** Co-signatures, their refusals, and the release of transfers not co-signed in time (the nonce rule). */
class CosignAndExpiryTest {
    private static final Duration TIMEOUT = PaymentSettings.DEFAULTS.cosignTimeout();
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party buyer = w.node("buyer");
    private final Party seller = w.node("seller");
    private final Party other = w.node("other");

    private Bill issue(long coins) {
        Bill b = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(coins));
        w.settle(b);
        return b;
    }

    @Test
    void aCosignatureThatIsNotAnEnvelopeIsMalformed() {
        assertThat(w.payments
                        .submitCosign(seller.node(), "junk".getBytes(StandardCharsets.UTF_8))
                        .refusal())
                .isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void aCosignatureForATransferNeverAdmittedIsUnknown() {
        Transfer t = w.transfer(buyer, 1, seller.address(), CoinAmount.ofCoins(1), "b-x");
        byte[] never = w.bytes(t, buyer);
        assertThat(w.cosign(seller.node(), seller, never).refusal()).isEqualTo(Refusal.UNKNOWN_TRANSFER);
    }

    @Test
    void aCosignatureByAnotherAddressThanThePayeeIsAMismatch() {
        Bill b = issue(1);
        w.pay(buyer, b);
        TransferRecord t = w.pendingFor(b);
        // "other" signs a co-signature naming the transfer but itself as payee.
        Cosign c = new Cosign(
                other.address(),
                t.nonce(),
                w.clock.instant(),
                t.digest(),
                buyer.address(),
                other.wallet().getPublic());
        Outcome o = w.payments.submitCosign(other.node(), c.sign(other.wallet().getPrivate()));
        assertThat(o.refusal()).isEqualTo(Refusal.COSIGN_MISMATCH);
        assertThat(w.payments.bill(b.id()).orElseThrow().status()).isEqualTo(BillStatus.PENDING);
    }

    @Test
    void aCosignatureOfThePayeeSentFromAnotherNodesTopicIsTheWrongNode() {
        Bill b = issue(1);
        w.pay(buyer, b);
        assertThat(w.cosign(other.node(), seller, w.pendingFor(b).raw()).refusal())
                .isEqualTo(Refusal.WRONG_NODE);
    }

    @Test
    void aCosignatureAtTheDeadlineCountsAndOneAfterItIsRefusedAsExpired() {
        Bill first = issue(1);
        w.pay(buyer, first);
        w.clock.advance(TIMEOUT);
        assertThat(w.cosign(seller, w.pendingFor(first)).status()).isEqualTo(Outcome.Status.APPLIED);

        Bill second = issue(1);
        w.pay(buyer, second);
        TransferRecord t = w.pendingFor(second);
        w.clock.advance(TIMEOUT.plusMillis(1));
        Outcome late = w.cosign(seller, t);

        assertThat(late.refusal()).isEqualTo(Refusal.EXPIRED);
        assertThat(w.payments.bill(second.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);
        assertThat(w.payments.account(buyer.address()))
                .isEqualTo(new Account(buyer.address(), CoinAmount.ofCoins(19), CoinAmount.ZERO, 2, 1));
        assertThat(PaymentWorld.notices(late, Notice.Reply.class)).anySatisfy(r -> {
            assertThat(r.node()).isEqualTo(buyer.node());
            assertThat(r.reason()).isEqualTo("EXPIRED");
            assertThat(r.status()).isEqualTo(Receipt.Status.REFUSED);
        });
    }

    @Test
    void anExpiredTransferIsReleasedAndTheSameSignedBytesCanBeSubmittedAgain() {
        Bill b = issue(5);
        byte[] raw = w.bytes(w.transfer(buyer, 1, seller.address(), b.amount(), b.id()), buyer);
        w.payments.submitTransfer(buyer.node(), raw);
        w.clock.advance(TIMEOUT.plusSeconds(1));

        Outcome expired = w.payments.expire();

        assertThat(expired.detail()).isEqualTo("1 transfer(s) released");
        assertThat(w.payments.transfer(Sha256.hex(raw)).orElseThrow().releasedAs())
                .isEqualTo(Refusal.EXPIRED);
        assertThat(w.payments.account(buyer.address()).nextNonce())
                .as("no gap is left")
                .isEqualTo(1);
        assertThat(w.payments.account(buyer.address()).reserved()).isEqualTo(CoinAmount.ZERO);
        assertThat(w.payments.submitTransfer(buyer.node(), raw).status()).isEqualTo(Outcome.Status.PENDING);
        assertThat(w.cosign(seller, w.pendingFor(b)).status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.account(buyer.address()).balance()).isEqualTo(CoinAmount.ofCoins(15));
    }

    @Test
    void releasingAnExpiredTransferReleasesEveryLaterOneOfItsPayerCosignedOrNot() {
        Bill b1 = issue(1);
        Bill b2 = issue(2);
        Bill b3 = issue(3);
        w.pay(buyer, b1);
        w.pay(buyer, b2);
        w.pay(buyer, b3);
        Outcome waits = w.cosign(seller, w.pendingFor(b2));
        assertThat(waits.status()).as("nonce 2 waits for nonce 1").isEqualTo(Outcome.Status.PENDING);
        assertThat(w.payments.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(20));
        w.clock.advance(TIMEOUT.plusSeconds(1));

        Outcome o = w.payments.expire();

        assertThat(o.detail()).isEqualTo("3 transfer(s) released");
        assertThat(PaymentWorld.notices(o, Notice.Reply.class))
                .filteredOn(r -> r.node().equals(buyer.node()))
                .extracting(Notice.Reply::reason)
                .containsExactly("EXPIRED", "RELEASED", "RELEASED");
        assertThat(w.payments.account(buyer.address()))
                .isEqualTo(new Account(buyer.address(), CoinAmount.ofCoins(20), CoinAmount.ZERO, 1, 0));
        assertThat(w.payments.bills(BillFilter.ALL.withStatus(BillStatus.OPEN))).hasSize(3);
        assertThat(w.payments.pendingTransfers()).isEmpty();
    }

    @Test
    void aCosignedTransferBehindAPendingOneAppliesAsSoonAsTheEarlierOneIs() {
        Bill b1 = issue(1);
        Bill b2 = issue(2);
        w.pay(buyer, b1);
        w.pay(buyer, b2);
        w.cosign(seller, w.pendingFor(b2));

        Outcome o = w.cosign(seller, w.pendingFor(b1));

        assertThat(o.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.account(buyer.address()))
                .isEqualTo(new Account(buyer.address(), CoinAmount.ofCoins(17), CoinAmount.ZERO, 3, 2));
        assertThat(w.payments.memoryPool().ready())
                .filteredOn(e -> e.kind().equals("transfer"))
                .extracting(e -> w.payments.transfer(e.id()).orElseThrow().nonce())
                .as("the chain sees nonce 1, then nonce 2")
                .containsExactly(1L, 2L);
    }

    @Test
    void aReleasedTransferWhoseNonceAnotherTookIsAReplayAfterwards() {
        Bill b1 = issue(1);
        Bill b2 = issue(2);
        byte[] first = w.bytes(w.transfer(buyer, 1, seller.address(), b1.amount(), b1.id()), buyer);
        w.payments.submitTransfer(buyer.node(), first);
        w.clock.advance(TIMEOUT.plusSeconds(1));
        w.payments.expire();
        assertThat(w.pay(buyer, 1, seller.address(), b2.amount(), b2.id()).status())
                .isEqualTo(Outcome.Status.PENDING);

        assertThat(w.payments.submitTransfer(buyer.node(), first).refusal()).isEqualTo(Refusal.REPLAY);
    }

    @Test
    void aPayersOverdueTransferIsReleasedWhenItSendsAgainEvenIfTheTimerHasNotRun() {
        Bill b1 = issue(1);
        w.pay(buyer, b1);
        w.clock.advance(TIMEOUT.plusSeconds(1));

        Outcome o = w.pay(buyer, 1, seller.address(), b1.amount(), b1.id());

        assertThat(o.status()).isEqualTo(Outcome.Status.PENDING);
        assertThat(PaymentWorld.notices(o, Notice.Reply.class))
                .extracting(Notice.Reply::reason)
                .contains("EXPIRED");
    }

    @Test
    void aGridTransferWhoseSellerDoesNotCosignIsPaidAgainOnlyAfterABackOff() {
        w.payments.mint("seed", w.grid(), CoinAmount.ofCoins(10));
        Bill export = w.billOf(Bill.GRID_EXPORT, w.grid(), seller.address(), CoinAmount.ofCoins(2));
        w.settle(export);
        String firstTry = w.pendingFor(export).digest();
        w.clock.advance(TIMEOUT.plusSeconds(1));

        w.payments.expire();
        BillRecord open = w.payments.bill(export.id()).orElseThrow();
        assertThat(open.status()).isEqualTo(BillStatus.OPEN);
        assertThat(open.attempts()).isEqualTo(1);
        w.clock.advance(TIMEOUT.minusSeconds(1));
        assertThat(PaymentWorld.notices(w.payments.expire(), Notice.CosignWanted.class))
                .isEmpty();
        w.clock.advance(Duration.ofSeconds(1));
        Outcome retry = w.payments.expire();

        assertThat(PaymentWorld.notices(retry, Notice.CosignWanted.class)).hasSize(1);
        TransferRecord again = w.pendingFor(export);
        assertThat(again.digest()).isNotEqualTo(firstTry);
        assertThat(again.nonce())
                .as("the grid account's nonce 1 was released, so it is used again")
                .isEqualTo(1);
        assertThat(w.cosign(seller, again).status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(Release.backoff(TIMEOUT, 3)).isEqualTo(TIMEOUT.multipliedBy(4));
        assertThat(Release.backoff(TIMEOUT, 40)).isEqualTo(Release.MAX_GRID_RETRY);
    }
}
