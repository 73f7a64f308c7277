package org.ebc.gateway.authority;

import java.util.List;
import org.ebc.wallet.WalletAddress;

/**
 * What a wallet-binding request changed.
 *
 * @param binding the node's binding as it now stands
 * @param changed false if the very same addresses were already bound (the request was a repeat)
 * @param released addresses of a replaced binding that are no longer bound to the node
 */
public record BindingOutcome(WalletBinding binding, boolean changed, List<WalletAddress> released) {

    public BindingOutcome {
        released = List.copyOf(released);
    }
}
