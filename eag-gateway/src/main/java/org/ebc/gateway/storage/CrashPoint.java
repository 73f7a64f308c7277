package org.ebc.gateway.storage;

import java.util.Optional;
import org.ebc.gateway.verify.Verdict;
import org.ebc.gateway.verify.VerifiedReading;
import org.tinylog.Logger;

/**
 * A test's way to kill the gateway at one exact point: after the broker has delivered (and been PUBACKed for) a
 * given page, before the group that holds it is committed. The system property
 * {@value #PROPERTY}{@code =<meter serial>:<page>} makes the process halt there, as a {@code kill -9} or a power cut
 * would, so a test can show that a page lost between the broker's acknowledgement and the gateway's fsync comes
 * back from its agent. Without the property this is a no-op; nothing in a configuration file can set it.
 */
final class CrashPoint {
    static final String PROPERTY = "ebc.test.halt-before-commit";

    private final Optional<String> target;

    private CrashPoint(Optional<String> target) {
        this.target = target;
    }

    static CrashPoint fromSystemProperty() {
        Optional<String> t = Optional.ofNullable(System.getProperty(PROPERTY)).filter(v -> !v.isBlank());
        t.ifPresent(v -> Logger.warn("test crash point armed: the gateway halts before committing page {}", v));
        return new CrashPoint(t);
    }

    /** Halts the process if {@code group} holds the armed page. */
    void beforeCommit(Iterable<Verdict> group) {
        if (target.isEmpty()) {
            return;
        }
        for (Verdict v : group) {
            if (v instanceof Verdict.Accepted a) {
                VerifiedReading r = a.reading();
                if ((r.meter().value() + ":" + r.page()).equals(target.get())) {
                    // Straight to the exit, like a power cut: no shutdown hook, no flushed log.
                    System.err.println("test crash point reached: halting before the commit of page " + target.get());
                    Runtime.getRuntime().halt(137);
                }
            }
        }
    }
}
