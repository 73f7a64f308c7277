package org.ebc.agent.trading;

import java.util.ArrayList;
import java.util.List;

/** What the trader published, in order; {@link #offline} makes every publish fail (no connection). */
final class RecordingOutgoing implements Outgoing {
    final List<byte[]> orders = new ArrayList<>();
    final List<byte[]> payments = new ArrayList<>();
    final List<byte[]> credits = new ArrayList<>();
    boolean offline;

    @Override
    public boolean order(byte[] envelope) {
        if (offline) {
            return false;
        }
        orders.add(envelope.clone());
        return true;
    }

    @Override
    public boolean payment(byte[] envelope) {
        if (offline) {
            return false;
        }
        payments.add(envelope.clone());
        return true;
    }

    @Override
    public boolean credit(byte[] envelope) {
        if (offline) {
            return false;
        }
        credits.add(envelope.clone());
        return true;
    }

    byte[] lastPayment() {
        return payments.get(payments.size() - 1);
    }
}
