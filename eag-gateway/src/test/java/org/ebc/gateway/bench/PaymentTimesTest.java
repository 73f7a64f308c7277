package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** The bench's end-to-end payment figures come from when bills were issued and paid, slot by slot. */
class PaymentTimesTest {
    private static final Instant SLOT_1 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant SLOT_2 = SLOT_1.plusSeconds(10);
    private final WalletAddress payer = WalletAddress.of(KeyPairs.generate().getPublic());
    private final WalletAddress payee = WalletAddress.of(KeyPairs.generate().getPublic());
    private long seq;

    /** A bill for {@code wh} at 1 EC/kWh (10^8 minor units), so its amount is 10^5 minor units per Wh. */
    private Bill bill(Instant slot, Instant issued, long wh) {
        return new Bill(
                EagId.of("eag-1"),
                ++seq,
                issued,
                "bill-" + seq,
                slot,
                Bill.P2P,
                payer,
                payee,
                Energy.ofWh(wh),
                Price.ofMinorUnitsPerKWh(100_000_000),
                CoinAmount.ofMinorUnits(wh * 100_000));
    }

    private BillRecord paid(Instant slot, Instant issued, long afterMs) {
        return new BillRecord(
                bill(slot, issued, 100), BillStatus.PAID, "digest-" + seq, 0, null, issued.plusMillis(afterMs), null);
    }

    @Test
    void latenciesAreFromIssueToPaymentAndRatesArePerSlotBurst() {
        Instant issued1 = SLOT_1.plusSeconds(12);
        Instant issued2 = SLOT_2.plusSeconds(12);
        List<BillRecord> bills = new ArrayList<>();
        // Slot 1: 4 payments within 400 ms of the bills' issue -> 10/s.
        for (long ms : new long[] {100, 200, 300, 400}) {
            bills.add(paid(SLOT_1, issued1, ms));
        }
        // Slot 2: 2 payments, the last 1 s after issue -> 2/s.
        bills.add(paid(SLOT_2, issued2, 500));
        bills.add(paid(SLOT_2, issued2, 1000));

        PaymentTimes t = PaymentTimes.of(bills);

        assertThat(t.paid()).isEqualTo(6);
        assertThat(t.unpaid()).isZero();
        assertThat(t.p50()).isEqualTo(Duration.ofMillis(300)); // nearest rank 3 of 100,200,300,400,500,1000
        assertThat(t.p99()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.slots()).isEqualTo(2);
        assertThat(t.bestRate()).isEqualTo(10.0);
        assertThat(t.medianRate()).isEqualTo(2.0); // the lower middle of two
    }

    @Test
    void unpaidBillsAreCountedAndBillsPaidWithoutATransferAreLeftOut() {
        Instant issued = SLOT_1.plusSeconds(12);
        BillRecord open = new BillRecord(bill(SLOT_1, issued, 100), BillStatus.OPEN, null, 0, null, null, null);
        BillRecord pending = new BillRecord(bill(SLOT_1, issued, 100), BillStatus.PENDING, "d", 0, null, null, null);
        BillRecord zero = new BillRecord(bill(SLOT_1, issued, 0), BillStatus.PAID, null, 0, null, issued, null);

        PaymentTimes t = PaymentTimes.of(List.of(open, pending, zero, paid(SLOT_1, issued, 250)));

        assertThat(t.paid()).isEqualTo(1);
        assertThat(t.unpaid()).isEqualTo(2);
        assertThat(t.p50()).isEqualTo(Duration.ofMillis(250));
        assertThat(t.line(12_000, 24_000, 2))
                .contains("1 paid, 2 unpaid")
                .contains("p50 250 ms")
                .contains("12,000 on 1 thread, 24,000 on 2");
    }

    @Test
    void noPaymentsSayNoneRatherThanARateOfZero() {
        PaymentTimes t = PaymentTimes.of(List.of());
        assertThat(t.paid()).isZero();
        assertThat(t.line(12_000, 24_000, 2)).contains("none paid with a transfer");
    }
}
