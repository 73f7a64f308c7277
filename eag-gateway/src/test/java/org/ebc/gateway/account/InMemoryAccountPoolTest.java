package org.ebc.gateway.account;

class InMemoryAccountPoolTest extends AccountPoolContract {
    @Override
    AccountPool newPool() {
        return new InMemoryAccountPool();
    }
}
