package org.ebc.gateway.payment;

/** The payment store contract against the in-memory twin. */
class InMemoryPaymentStoreTest extends PaymentStoreContract {
    @Override
    PaymentStore newStore() {
        return new InMemoryPaymentStore();
    }
}
