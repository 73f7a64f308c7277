package org.ebc.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TradeOutboxTest {
    /** A broker edge that refuses the first {@code failures} publishes, as a client that has not connected yet. */
    private static final class FlakyChannel implements TradeOutbox.Channel {
        final AtomicInteger failures;
        final List<String> delivered = new CopyOnWriteArrayList<>();

        FlakyChannel(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public boolean publish(String topic, byte[] payload, boolean retained, Duration wait) {
            if (failures.getAndDecrement() > 0) {
                return false;
            }
            delivered.add(topic);
            return true;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRetainedMarketInfoIsSentOnceTheBrokerTakesItEvenIfTheFirstTriesFail() {
        FlakyChannel channel = new FlakyChannel(2);
        try (TradeOutbox outbox = new TradeOutbox(channel, 10).start()) {
            outbox.send(List.of(new Outgoing("ebc/v1/eag/e/market", bytes("info"), true)));
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.sent() == 1);
            assertThat(channel.delivered).containsExactly("ebc/v1/eag/e/market");
            assertThat(outbox.dropped()).isZero();
        }
    }

    @Test
    void aReceiptTheBrokerRefusesIsCountedAndDroppedBecauseTheAgentAsksAgain() {
        FlakyChannel channel = new FlakyChannel(1);
        try (TradeOutbox outbox = new TradeOutbox(channel, 10).start()) {
            outbox.send(List.of(Outgoing.of("a", bytes("1")), Outgoing.of("b", bytes("2"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.sent() + outbox.dropped() == 2);
            assertThat(outbox.dropped()).isEqualTo(1);
            assertThat(channel.delivered).containsExactly("b");
        }
    }

    @Test
    void aFullQueueDropsWhatDoesNotFitWithoutBlockingTheCaller() {
        FlakyChannel channel = new FlakyChannel(0);
        TradeOutbox outbox = new TradeOutbox(channel, 2); // not started: nothing drains the queue
        outbox.send(List.of(Outgoing.of("a", bytes("1")), Outgoing.of("b", bytes("2")), Outgoing.of("c", bytes("3"))));
        assertThat(outbox.dropped()).isEqualTo(1);
        outbox.start().close();
        assertThat(channel.delivered).containsExactly("a", "b");
    }
}
