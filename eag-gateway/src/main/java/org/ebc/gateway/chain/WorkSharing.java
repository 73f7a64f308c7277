package org.ebc.gateway.chain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs {@code tasks} numbered tasks on the calling thread and up to {@code threads - 1} threads of an
 * executor, each thread taking the next task number until none is left. The caller works too and only then
 * waits for tasks other threads have started, so this cannot deadlock even when it is called from one of
 * the executor's own threads or the executor is saturated (the caller then does everything itself).
 * Tasks are handed out in increasing order.
 */
public final class WorkSharing {
    private WorkSharing() {}

    /**
     * @param executor the threads to use besides the caller's (a bounded pool the adapter owns)
     * @param threads how many threads in all, the caller included (1: everything on the caller)
     * @param tasks how many tasks
     * @param task runs task {@code i}; must not throw (a throw is counted as done and passed on afterwards)
     */
    public static void run(Executor executor, int threads, int tasks, IntConsumer task) {
        if (tasks <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        RuntimeException[] failure = new RuntimeException[1];
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < tasks) {
                try {
                    task.accept(i);
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(threads, tasks) - 1;
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException e) {
                break; // a saturated or shut-down pool: the caller does the rest
            }
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                // The remaining tasks are already running and short; finish, then restore the flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }
}
