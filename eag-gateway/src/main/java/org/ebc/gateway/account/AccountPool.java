package org.ebc.gateway.account;

import java.util.List;
import java.util.Optional;
import org.ebc.units.CoinAmount;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The EAG's private table of nodes, their certificates, their wallet addresses (pseudonyms) and the
 * balances of those addresses (DESIGN §2, §5). It is the only place that maps an address back to a node
 * and a true identity; nothing here goes on the chain.
 *
 * <p>Balances are in integer minor units ({@link CoinAmount}) and never negative. Implementations are
 * thread-safe; each method is atomic.
 */
public interface AccountPool {

    /**
     * Binds the node's certificate, replacing a previous one of the same node.
     *
     * @throws IllegalArgumentException if another node is bound to the same meter
     */
    void bindNode(NodeRecord node);

    Optional<NodeRecord> node(NodeId node);

    /** The node bound to this meter, if any. */
    Optional<NodeRecord> nodeOfMeter(MeterSerial meter);

    /** All nodes, ordered by node id. */
    List<NodeRecord> nodes();

    /** Binds an address to a node. An address belongs to one node forever; a node may hold several. */
    WalletBindResult bindWallet(WalletAddress address, NodeId node);

    Optional<NodeId> ownerOf(WalletAddress address);

    /** The node's addresses, ordered by their text. */
    List<WalletAddress> walletsOf(NodeId node);

    /** The balance of a bound address; zero for one never credited. */
    CoinAmount balance(WalletAddress address);

    /**
     * Adds {@code amount} to a bound address.
     *
     * @throws IllegalArgumentException if the amount is negative or the address is not bound
     */
    void credit(WalletAddress address, CoinAmount amount);

    /**
     * Subtracts {@code amount} if the balance covers it.
     *
     * @return false, changing nothing, if the balance is lower than {@code amount}
     * @throws IllegalArgumentException if the amount is negative or the address is not bound
     */
    boolean debit(WalletAddress address, CoinAmount amount);
}
