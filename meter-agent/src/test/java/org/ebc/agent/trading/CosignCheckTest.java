package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.ebc.crypto.KeyPairs;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** The node co-signs only a transfer that checks, matches a bill it is paid, and is covered; every refusal has a test. */
class CosignCheckTest {
    private final TradeFixtures f = new TradeFixtures();
    private final Bill sale = f.bill("sale-1", f.otherAddress, f.address1, 600);
    private final BillRecord received = BillRecord.received(sale, f.signed(sale), BillRole.RECEIVE, TradeFixtures.T0);

    private CosignCheck.Verdict check(byte[] transfer, CoinAmount covered, Optional<BillRecord> bill) {
        CosignRequest r = TradeFixtures.cosignRequest(sale, transfer, covered);
        return CosignCheck.check(r, PaymentCheck.transfer(r.transfer()), f.wallets, bill, f.eagKeyId());
    }

    private byte[] exact() {
        return f.transferFromOther(sale, sale.amount(), 3);
    }

    @Test
    void aCoveredTransferThatMatchesTheBillIsCosigned() {
        byte[] t = exact();
        CosignCheck.Verdict v = check(t, sale.amount(), Optional.of(received));
        assertThat(v.cosign()).isTrue();
        assertThat(v.digest()).isEqualTo(TradeFixtures.digest(t));
        assertThat(v.transfer()).isNotNull();
    }

    @Test
    void aTransferFromTheEagsOwnAccountForTheBillIsCosignedAsTheCreditBanksPayment() {
        byte[] t = f.transferFromEag(sale, 1);

        CosignCheck.Verdict v = check(t, sale.amount(), Optional.of(received));

        assertThat(v.cosign()).as(v.detail()).isTrue();
        assertThat(java.util.Objects.requireNonNull(v.transfer()).payer()).isEqualTo(f.grid);
    }

    @Test
    void aTransferFromAThirdPartyIsRefusedEvenIfTheEagSignedTheRequest() {
        java.security.KeyPair third = KeyPairs.generate();
        byte[] t = new Transfer(
                        org.ebc.wallet.WalletAddress.of(third.getPublic()),
                        1,
                        TradeFixtures.T0,
                        sale.payee(),
                        sale.amount(),
                        sale.id(),
                        third.getPublic())
                .sign(third.getPrivate());

        assertThat(check(t, sale.amount(), Optional.of(received)).refusal()).isEqualTo(CosignRefusal.BILL_MISMATCH);
    }

    @Test
    void aTransferSignedByAnotherKeyThanTheRequestsIsNotTakenForTheEags() {
        byte[] t = f.transferFromEag(sale, 1);
        CosignRequest r = TradeFixtures.cosignRequest(sale, t, sale.amount());

        CosignCheck.Verdict v = CosignCheck.check(
                r,
                PaymentCheck.transfer(t),
                f.wallets,
                Optional.of(received),
                org.ebc.crypto.KeyId.of(f.other.getPublic()));

        assertThat(v.refusal()).isEqualTo(CosignRefusal.BILL_MISMATCH);
    }

    @Test
    void aDamagedTransferIsRefused() {
        byte[] t = exact();
        t[t.length - 5] ^= 1; // the signature's hex
        assertThat(check(t, sale.amount(), Optional.of(received)).refusal()).isEqualTo(CosignRefusal.BAD_TRANSFER);
    }

    @Test
    void aTransferSignedByAKeyNotBoundToThePayerIsRefused() {
        var stranger = KeyPairs.generate();
        byte[] t = new Transfer(
                        sale.payer(), 3, TradeFixtures.T0, sale.payee(), sale.amount(), sale.id(), stranger.getPublic())
                .sign(stranger.getPrivate());
        CosignCheck.Verdict v = check(t, sale.amount(), Optional.of(received));
        assertThat(v.refusal()).isEqualTo(CosignRefusal.BAD_TRANSFER);
        assertThat(v.detail()).contains("KEY_NOT_BOUND");
    }

    @Test
    void aTransferForAnotherBillThanTheRequestIsRefused() {
        byte[] t = new Transfer(
                        sale.payer(),
                        3,
                        TradeFixtures.T0,
                        sale.payee(),
                        sale.amount(),
                        "other-bill",
                        f.other.getPublic())
                .sign(f.other.getPrivate());
        assertThat(check(t, sale.amount(), Optional.of(received)).refusal()).isEqualTo(CosignRefusal.OTHER_BILL);
    }

    @Test
    void aTransferToSomeoneElseIsRefused() {
        Bill elsewhere = f.bill("sale-1", f.otherAddress, f.grid, 600);
        byte[] t = f.transferFromOther(elsewhere, elsewhere.amount(), 3);
        assertThat(check(t, sale.amount(), Optional.of(received)).refusal()).isEqualTo(CosignRefusal.NOT_OUR_ADDRESS);
    }

    @Test
    void aTransferForABillNotReceivedIsRefusedAsUnknown() {
        assertThat(check(exact(), sale.amount(), Optional.empty()).refusal()).isEqualTo(CosignRefusal.UNKNOWN_BILL);
    }

    @Test
    void aBillTheNodePaysIsNotASale() {
        BillRecord owed = BillRecord.received(sale, f.signed(sale), BillRole.PAY, TradeFixtures.T0);
        assertThat(check(exact(), sale.amount(), Optional.of(owed)).refusal()).isEqualTo(CosignRefusal.NOT_A_SALE);
    }

    @Test
    void aTransferOfAnotherAmountIsRefused() {
        byte[] t = f.transferFromOther(sale, sale.amount().minus(CoinAmount.ofMinorUnits(1)), 3);
        CosignCheck.Verdict v = check(t, sale.amount(), Optional.of(received));
        assertThat(v.refusal()).isEqualTo(CosignRefusal.BILL_MISMATCH);
        assertThat(v.detail()).contains("the bill says");
    }

    @Test
    void aTransferFromAnotherPayerIsRefused() {
        var third = KeyPairs.generate();
        byte[] t = new Transfer(
                        org.ebc.wallet.WalletAddress.of(third.getPublic()),
                        3,
                        TradeFixtures.T0,
                        sale.payee(),
                        sale.amount(),
                        sale.id(),
                        third.getPublic())
                .sign(third.getPrivate());
        assertThat(check(t, sale.amount(), Optional.of(received)).refusal()).isEqualTo(CosignRefusal.BILL_MISMATCH);
    }

    @Test
    void aPaidBillIsNotPaidTwice() {
        BillRecord paid = received.withState(BillState.PAID, "", TradeFixtures.T0);
        assertThat(check(exact(), sale.amount(), Optional.of(paid)).refusal()).isEqualTo(CosignRefusal.BILL_PAID);
    }

    @Test
    void aTransferThePayersCoinsDoNotCoverIsRefused() {
        CosignCheck.Verdict v = check(exact(), sale.amount().minus(CoinAmount.ofMinorUnits(1)), Optional.of(received));
        assertThat(v.refusal()).isEqualTo(CosignRefusal.NOT_COVERED);
    }
}
