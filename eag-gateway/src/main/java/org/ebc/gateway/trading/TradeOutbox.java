package org.ebc.gateway.trading;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * Publishes the transaction server's signed messages (receipts, allocations, bills, notices) on its own thread,
 * so the server never waits for the broker. A message that cannot be sent is counted and dropped: what it
 * reports is committed, and the agent asks again (an order is re-published until its receipt comes; the gateway
 * answers a repeated order or payment with the same receipt).
 *
 * <p>Thread-safe: {@link #send} never blocks.
 */
public final class TradeOutbox implements AutoCloseable {
    /** The MQTT edge. */
    public interface Channel {
        /** @return false if the message could not be sent */
        boolean publish(String topic, byte[] payload, boolean retained, Duration wait) throws InterruptedException;
    }

    private final Channel channel;
    private final BlockingQueue<Outgoing> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    TradeOutbox(Channel channel, int capacity) {
        this.channel = channel;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "ebc-trade-out");
        thread.setDaemon(true);
    }

    TradeOutbox start() {
        thread.start();
        return this;
    }

    void send(List<Outgoing> messages) {
        for (Outgoing m : messages) {
            if (!queue.offer(m)) {
                dropped.incrementAndGet();
            }
        }
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Outgoing m = queue.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) {
                    continue;
                }
                if (channel.publish(m.topic(), m.payload(), m.retained(), Duration.ofSeconds(2))) {
                    sent.incrementAndGet();
                } else if (dropped.incrementAndGet() % 1_000 == 1) {
                    Logger.warn(
                            "{} market/payment message(s) not sent so far (broker unreachable or busy)", dropped.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                Logger.error(e, "market/payment outbox: cannot send a message");
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
