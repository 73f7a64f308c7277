package org.ebc.gateway.chain;

import java.util.Optional;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.TxBody;

/**
 * The chain rule of kind {@code evidence}: the document is an {@link Equivocation} in its one spelling, and it
 * proves what it says under the consortium's keys (two conflicting votes signed by one EAG of the genesis at one
 * height and round). It moves no coins: evidence on chain is the record every EAG and auditor can see, not a
 * penalty (the genesis fixes no slashing). Pure and thread-safe.
 */
public final class EvidenceRule implements KindRule {
    private final Consortium consortium;

    public EvidenceRule(Consortium consortium) {
        this.consortium = consortium;
    }

    @Override
    public RuleOutcome check(LedgerTransaction tx, LedgerView ledger) {
        if (!(tx.body() instanceof TxBody.EvidenceTx e)) {
            return RuleOutcome.refuse("not an evidence transaction");
        }
        Optional<Equivocation> doc = Equivocation.fromDocument(e.document());
        if (doc.isEmpty()) {
            return RuleOutcome.refuse("the evidence is not an equivocation document in its one spelling");
        }
        EvidenceCheck c = doc.get().check(consortium);
        if (!c.isProven()) {
            return RuleOutcome.refuse("the evidence proves nothing: " + c.reason() + " (" + c.detail() + ")");
        }
        return RuleOutcome.accept(java.util.List.of());
    }
}
