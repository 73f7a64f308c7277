package org.ebc.gateway.credit;

import org.ebc.units.NodeId;

/** Port: the nodes' credit values (raised by paid bills in the payment core, lowered by case two here). */
public interface CreditValues {
    long of(NodeId node);

    void add(NodeId node, long delta);
}
