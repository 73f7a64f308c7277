package org.ebc.agent.delivery;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one Paho client (its connect task, receiver, sender, callback dispatcher and keep-alive
 * pings), given to {@code MqttAsyncClient} as its executor so that connecting does not sleep.
 *
 * <p>Why: Paho 1.2.5 starts each of its receiver, sender and callback threads with
 * {@code synchronized (lifecycle) { submit(this); } while (!isRunning()) Thread.sleep(100);}. The new thread
 * cannot mark itself running before the starter has released {@code lifecycle}, and the starter checks
 * again at once, so each start sleeps 100 ms: every connection spends 0.3 s asleep before it sends CONNECT,
 * which was a third of the agent's time from launch to its first published record (docs/agent.md).
 * The sleep ends early on an interrupt (Paho catches it and checks again), so after each
 * {@link #submit(Runnable)} this pool wakes the starter, every {@value #NUDGE_MILLIS} ms for at most
 * {@value #MAX_NUDGES} times, but only while that starter is one of this pool's own threads (Paho's
 * connect task, which does nothing but start the three and queue CONNECT) and is in a timed wait, which in
 * that task is only ever this sleep. The window closes at the starter's next {@code submit} or when its task
 * ends, and a wake-up that arrives after the sleep is cleared there, so it never reaches other code. If Paho
 * changes, the worst case is its own 100 ms sleep again.
 *
 * <p>Thread-safe. One pool per client: whoever closes the client shuts its pool down (Paho 1.2.5 never
 * does, although it has code for it).
 */
final class PahoThreads extends ScheduledThreadPoolExecutor {
    static final long NUDGE_MILLIS = 1;
    static final int MAX_NUDGES = 200;
    /** Connect task + receiver + sender + callback at once, and one for pings and wake-ups. */
    private static final int THREADS = 5;

    private final ThreadGroup own = new ThreadGroup("paho");
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final Object lock = new Object();
    /** The pool thread inside a Paho start loop, or null. Guarded by {@link #lock}. */
    private Thread starting;

    PahoThreads(String name) {
        super(THREADS);
        setThreadFactory(factory(name));
        setKeepAliveTime(10, TimeUnit.SECONDS);
        allowCoreThreadTimeOut(true);
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // Paho names the threads it runs; this name shows until it does.
            Thread t = new Thread(own, r, "mqtt-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void execute(Runnable command) {
        super.execute(() -> {
            try {
                command.run();
            } finally {
                endWindow(Thread.currentThread());
            }
        });
    }

    @Override
    public Future<?> submit(Runnable task) {
        Thread starter = Thread.currentThread();
        endWindow(starter);
        Future<?> f = super.submit(task);
        if (starter.getThreadGroup() == own) {
            synchronized (lock) {
                starting = starter;
            }
            nudgeLater(starter, MAX_NUDGES);
        }
        return f;
    }

    /** How many times a starter was woken from Paho's start-up sleep (for tests and debugging). */
    int wakeUps() {
        return wakeUps.get();
    }

    private void endWindow(Thread t) {
        synchronized (lock) {
            if (starting == t) {
                starting = null;
            }
        }
        if (t.getThreadGroup() == own && !isShutdown()) {
            // A wake-up that came after the sleep had ended on its own (never shutdownNow's interrupt, which
            // comes after the pool is marked shut down).
            Thread.interrupted();
        }
    }

    private void nudgeLater(Thread starter, int left) {
        if (left == 0 || isShutdown()) {
            return;
        }
        try {
            var unused = schedule(
                    () -> {
                        synchronized (lock) {
                            if (starting != starter) {
                                return;
                            }
                            if (starter.getState() == Thread.State.TIMED_WAITING) {
                                wakeUps.incrementAndGet();
                                starter.interrupt();
                            }
                        }
                        nudgeLater(starter, left - 1);
                    },
                    NUDGE_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            // the client is closing
        }
    }
}
