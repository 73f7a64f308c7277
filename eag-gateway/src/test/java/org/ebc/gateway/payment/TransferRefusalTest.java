package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every reason a transfer is refused, each on its own, and that a refusal changes nothing. */
class TransferRefusalTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party buyer = w.node("buyer");
    private final Party seller = w.node("seller");
    private Bill bill;

    @BeforeEach
    void issueABill() {
        bill = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(5));
        w.settle(bill);
    }

    private Refusal refusalOf(Outcome o) {
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        Notice.Reply reply = (Notice.Reply) o.notices().get(0);
        assertThat(reply.status()).isEqualTo(Receipt.Status.REFUSED);
        assertThat(reply.reason()).isEqualTo(o.reasonText());
        assertThat(w.payments.account(buyer.address()))
                .as("a refused transfer changes nothing")
                .isEqualTo(new Account(buyer.address(), CoinAmount.ofCoins(20), CoinAmount.ZERO, 1, 0));
        assertThat(w.payments.bill(bill.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);
        return java.util.Objects.requireNonNull(o.refusal());
    }

    @Test
    void bytesThatAreNotATransferAreMalformed() {
        assertThat(refusalOf(w.payments.submitTransfer(buyer.node(), "EBC1|{}|{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void aTransferSignedByAKeyNotBoundToThePayersAddressIsRefused() {
        KeyPair thief = KeyPairs.generate();
        Transfer forged = new Transfer(
                buyer.address(), 1, w.clock.instant(), seller.address(), bill.amount(), bill.id(), thief.getPublic());
        assertThat(refusalOf(w.payments.submitTransfer(buyer.node(), forged.sign(thief.getPrivate()))))
                .isEqualTo(Refusal.KEY_NOT_BOUND);
    }

    @Test
    void aTransferWithTheRightKeyButAnotherSignatureIsRefused() {
        Transfer t = w.transfer(buyer, 1, seller.address(), bill.amount(), bill.id());
        byte[] raw = EnvelopeCodec.sign(t.payloadBytes(), KeyPairs.generate().getPrivate(), KeyId.of(t.key()));
        assertThat(refusalOf(w.payments.submitTransfer(buyer.node(), raw))).isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aPayerAddressNotRegisteredHereIsUnknown() {
        Party stranger = new Party(buyer.node(), KeyPairs.generate());
        assertThat(refusalOf(w.pay(stranger, 1, seller.address(), bill.amount(), bill.id())))
                .isEqualTo(Refusal.UNKNOWN_ADDRESS);
    }

    @Test
    void anAddressOfAnotherNodeIsTheWrongNode() {
        Transfer t = w.transfer(buyer, 1, seller.address(), bill.amount(), bill.id());
        assertThat(refusalOf(w.payments.submitTransfer(seller.node(), w.bytes(t, buyer))))
                .isEqualTo(Refusal.WRONG_NODE);
    }

    @Test
    void anAddressWhoseHomeIsAnotherEagIsNotHome() {
        w.foreign.add(buyer.address());
        assertThat(refusalOf(w.pay(buyer, bill))).isEqualTo(Refusal.NOT_HOME);
    }

    @Test
    void aBlacklistedNodeIsRefused() {
        w.blacklisted.add(buyer.node());
        assertThat(refusalOf(w.pay(buyer, bill))).isEqualTo(Refusal.BLACKLISTED);
    }

    @Test
    void aTransferForABillNeverIssuedIsRefused() {
        assertThat(refusalOf(w.pay(buyer, 1, seller.address(), bill.amount(), "no-such-bill")))
                .isEqualTo(Refusal.UNKNOWN_BILL);
    }

    @Test
    void aTransferOfAnotherAmountOrToAnotherPayeeThanTheBillsIsAMismatch() {
        Party other = w.node("other");
        assertThat(refusalOf(w.pay(buyer, 1, seller.address(), CoinAmount.ofCoins(4), bill.id())))
                .isEqualTo(Refusal.BILL_MISMATCH);
        assertThat(refusalOf(w.pay(buyer, 1, other.address(), bill.amount(), bill.id())))
                .isEqualTo(Refusal.BILL_MISMATCH);
        Bill othersBill = w.billOf(Bill.P2P, other.address(), seller.address(), CoinAmount.ofCoins(5));
        w.settle(othersBill);
        assertThat(refusalOf(w.pay(buyer, 1, seller.address(), othersBill.amount(), othersBill.id())))
                .as("paying someone else's bill")
                .isEqualTo(Refusal.BILL_MISMATCH);
    }

    @Test
    void aSecondTransferForAPendingOrPaidBillIsRefused() {
        Party second = w.anotherWallet(buyer);
        w.payments.mint("m", second.address(), CoinAmount.ofCoins(10));
        Bill b2 = w.billOf(Bill.P2P, second.address(), seller.address(), CoinAmount.ofCoins(1));
        w.settle(b2);
        w.pay(second, b2);
        Outcome whilePending = w.pay(second, 2, seller.address(), b2.amount(), b2.id());
        w.cosign(seller, w.pendingFor(b2));
        Outcome whenPaid = w.pay(second, 2, seller.address(), b2.amount(), b2.id());

        assertThat(whilePending.refusal()).isEqualTo(Refusal.BILL_NOT_OPEN);
        assertThat(whenPaid.refusal()).isEqualTo(Refusal.BILL_NOT_OPEN);
        assertThat(w.payments.account(second.address()).balance()).isEqualTo(CoinAmount.ofCoins(9));
    }

    @Test
    void aNonceAlreadyUsedIsAReplayEvenForAnotherBill() {
        Bill other = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(2));
        w.settle(other);
        assertThat(w.pay(buyer, 1, seller.address(), other.amount(), other.id()).status())
                .isEqualTo(Outcome.Status.PENDING);

        Outcome replay = w.pay(buyer, 1, seller.address(), bill.amount(), bill.id());

        assertThat(replay.refusal()).isEqualTo(Refusal.REPLAY);
        assertThat(w.payments.account(buyer.address()).reserved()).isEqualTo(CoinAmount.ofCoins(2));
    }

    @Test
    void aNonceThatSkipsOneIsAGap() {
        assertThat(refusalOf(w.pay(buyer, 2, seller.address(), bill.amount(), bill.id())))
                .isEqualTo(Refusal.NONCE_GAP);
    }

    @Test
    void aTransferTheBalanceMinusWhatIsPendingBeforeItDoesNotCoverIsRefused() {
        Bill second = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(16));
        w.settle(second);
        assertThat(w.pay(buyer, bill).status()).isEqualTo(Outcome.Status.PENDING);

        // 20 coins, 5 pending: 16 more do not fit, although the balance alone would cover them.
        Outcome o = w.pay(buyer, 2, seller.address(), second.amount(), second.id());

        assertThat(o.refusal()).isEqualTo(Refusal.INSUFFICIENT_FUNDS);
        assertThat(o.detail()).contains("minus pending");
        assertThat(w.payments.bill(second.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);
    }

    @Test
    void theRefusalReceiptGoesToTheNodeWhoseTopicItCameOn() {
        Outcome o = w.pay(buyer, 9, seller.address(), bill.amount(), bill.id());
        assertThat(o.notices()).hasSize(1);
        assertThat(o.notices().get(0).node()).isEqualTo(NodeId.of("buyer"));
    }
}
