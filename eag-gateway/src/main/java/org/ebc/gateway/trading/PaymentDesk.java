package org.ebc.gateway.trading;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.account.AccountPool;
import org.ebc.gateway.settlement.SlotSettlement;
import org.ebc.gateway.verify.TradeInbound;
import org.ebc.trade.Receipt;
import org.ebc.wallet.WalletAddress;

/** WORK IN PROGRESS (replaced when the payment core lands): refuses payments, issues no bills. */
public final class PaymentDesk implements PaymentPort {
    private final EagSigner signer;

    private PaymentDesk(EagSigner signer) {
        this.signer = signer;
    }

    public static PaymentDesk open(
            Path db, GatewayConfig config, AccountPool pool, EagSigner signer, WalletAddress grid) {
        return new PaymentDesk(signer);
    }

    @Override
    public List<Outgoing> settled(SlotSettlement settlement, Instant now) {
        return List.of();
    }

    @Override
    public List<Outgoing> transfer(TradeInbound.TransferIn t, Instant now) {
        List<Outgoing> out = new ArrayList<>();
        out.add(signer.receipt(
                t.node(), "transfer", t.digest(), Receipt.Status.REFUSED, "UNAVAILABLE", "payments are not wired yet"));
        return out;
    }

    @Override
    public List<Outgoing> cosign(TradeInbound.CosignIn c, Instant now) {
        return List.of();
    }

    @Override
    public List<Outgoing> tick(Instant now) {
        return List.of();
    }
}
