package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The acceptance property, on the in-memory twin: 100,000 random steps (settlements, transfers right and
 * wrong, co-signatures, expiries, replays, double spends, allocations, mints), checked after every step
 * ({@link PaymentWalk}). The walk is seeded: a failure names its step and repeats exactly.
 */
class PaymentPropertyTest {
    @Test
    void aHundredThousandRandomStepsNeverCreateLoseOrDoubleSpendACoin() {
        PaymentWalk walk = new PaymentWalk(new InMemoryPaymentStore(), 20261204L);

        walk.run(100_000);

        // The walk is only worth something if it went everywhere: payments applied, and every attack tried.
        assertThat(walk.applied()).isGreaterThan(5_000);
        for (Refusal r : new Refusal[] {
            Refusal.REPLAY, Refusal.NONCE_GAP, Refusal.INSUFFICIENT_FUNDS, Refusal.BILL_MISMATCH, Refusal.UNKNOWN_BILL,
            Refusal.BILL_NOT_OPEN, Refusal.WRONG_NODE, Refusal.KEY_NOT_BOUND, Refusal.BAD_SIGNATURE,
                    Refusal.COSIGN_MISMATCH,
            Refusal.EXPIRED, Refusal.MINT_CONFLICT
        }) {
            assertThat(walk.seen(r)).as("refusals %s", r).isPositive();
        }
        assertThat(walk.seenNews("EXPIRED")).isPositive();
        assertThat(walk.seenNews("RELEASED")).isPositive();
    }
}
