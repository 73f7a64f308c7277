package org.ebc.agent.trading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.wallet.WalletAddress;

/**
 * The node's wallets, and which address it trades under.
 *
 * <p>One address at a time, not a fresh one per trade: a bill is paid by one transfer from the address that
 * ordered, so coins spread over several addresses could leave every address short of a bill that their sum
 * covers; and the account pool links all of a node's addresses anyway. The address is the one with the most
 * coins available by the latest balance notices; with no notices (an agent that started after the gateway sent
 * them) and on ties, the address that comes first in text order, which is where the gateway's payment core puts
 * a node's initial allocation (docs/payments.md). Immutable.
 */
public final class Wallets {
    private final List<Wallet> all;

    public Wallets(List<Wallet> wallets) {
        if (wallets.isEmpty()) {
            throw new IllegalArgumentException("a trading node holds at least one wallet key");
        }
        List<Wallet> sorted = new ArrayList<>(wallets);
        sorted.sort(Comparator.comparingInt(Wallet::number));
        this.all = List.copyOf(sorted);
    }

    public List<Wallet> all() {
        return all;
    }

    public Optional<Wallet> find(WalletAddress address) {
        for (Wallet w : all) {
            if (w.address().equals(address)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    public boolean owns(WalletAddress address) {
        return find(address).isPresent();
    }

    /** The address orders name: the most coins available, else the first address in text order. */
    public Wallet trading(Function<WalletAddress, Optional<WalletState>> states) {
        List<Wallet> byAddress = new ArrayList<>(all);
        byAddress.sort(Comparator.comparing(w -> w.address().toString()));
        Wallet best = byAddress.get(0);
        long bestAvailable = -1;
        for (Wallet w : byAddress) {
            Optional<WalletState> s = states.apply(w.address());
            long available = s.filter(WalletState::hasNotice)
                    .map(x -> x.available().minorUnits())
                    .orElse(-1L);
            if (available > bestAvailable) {
                best = w;
                bestAvailable = available;
            }
        }
        return best;
    }
}
