package org.ebc.gateway.broker;

/** The embedded broker could not start; the message says why in an operator's terms. */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
