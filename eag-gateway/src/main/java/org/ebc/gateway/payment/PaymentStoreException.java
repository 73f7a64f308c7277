package org.ebc.gateway.payment;

/**
 * The payment store could not apply a change (it changed nothing) or could not be read: an operational
 * fault (disk, damaged database) or a change that breaks a uniqueness rule. Never a refusal of input;
 * those are {@link Refusal}s.
 */
public final class PaymentStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaymentStoreException(String message) {
        super(message);
    }

    public PaymentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
