package org.ebc.gateway.broker;

/**
 * The embedded broker could not start; the message says why in an operator's terms. {@link #isConfiguration()}
 * tells a problem that a restart cannot fix (a configured port that another process holds) from one that it
 * may (an interrupted start), so that the command line can exit with its configuration status and systemd
 * does not restart the gateway in a loop.
 */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean configuration;

    public BrokerStartException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public BrokerStartException(String message, Throwable cause, boolean configuration) {
        super(message, cause);
        this.configuration = configuration;
    }

    /** True when the configuration must change (or another process must go) before a start can succeed. */
    public boolean isConfiguration() {
        return configuration;
    }
}
