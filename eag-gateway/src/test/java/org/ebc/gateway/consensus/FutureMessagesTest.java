package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.consensus.Audit;
import org.ebc.consensus.Signed;
import org.ebc.gateway.consensus.harness.CoreFixture;
import org.junit.jupiter.api.Test;

class FutureMessagesTest {
    private final CoreFixture f = new CoreFixture();

    private void offer(FutureMessages kept, long current, Signed<Audit> a) {
        kept.offer(current, a, a.payload());
    }

    @Test
    void onlyTheNextHeightsFirstRoundsAreKeptOnePerSenderKindAndRound() {
        FutureMessages kept = new FutureMessages(100);
        offer(kept, 1, f.nilAudit(1, 2, 0));
        offer(kept, 1, f.nilAudit(1, 2, 0)); // the same slot again
        offer(kept, 1, f.nilAudit(2, 2, FutureMessages.ROUNDS - 1));
        offer(kept, 1, f.nilAudit(2, 2, FutureMessages.ROUNDS)); // too far into the height
        offer(kept, 1, f.nilAudit(3, 3, 0)); // two heights ahead

        assertThat(kept.takeFor(2)).hasSize(2);
        assertThat(kept.takeFor(2)).as("taken once").isEmpty();
    }

    @Test
    void theBufferIsBounded() {
        FutureMessages kept = new FutureMessages(2);
        offer(kept, 1, f.nilAudit(1, 2, 0));
        offer(kept, 1, f.nilAudit(2, 2, 0));
        offer(kept, 1, f.nilAudit(3, 2, 0));
        assertThat(kept.takeFor(2)).hasSize(2);
    }
}
