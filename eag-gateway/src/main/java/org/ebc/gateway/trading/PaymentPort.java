package org.ebc.gateway.trading;

import java.time.Instant;
import java.util.List;
import org.ebc.gateway.settlement.SlotSettlement;
import org.ebc.gateway.verify.TradeInbound;

/**
 * The transaction server's port to payments: settled slots become bills, transfers and co-signatures pay them.
 * Every method runs on the server's thread, commits what it changed, and returns the signed messages that report
 * it (bills, receipts, co-signature requests, balance notices) for publishing.
 */
public interface PaymentPort {
    /** A slot was settled: its bill lines become bills, sent to payers and payees. */
    List<Outgoing> settled(SlotSettlement settlement, Instant now);

    List<Outgoing> transfer(TradeInbound.TransferIn transfer, Instant now);

    List<Outgoing> cosign(TradeInbound.CosignIn cosign, Instant now);

    /** Time passes: pending transfers time out, proof-of-flow periods end. */
    List<Outgoing> tick(Instant now);
}
