package org.ebc.credit;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * What a node sends its EAG's credit bank on {@code ebc/v1/<eag>/meter/<node>/credit}, signed with the node's key
 * (the key of its certificate); {@code seq} rises with every message of the node (a replay is refused).
 *
 * <pre>
 * {"typ":"credit","from":"&lt;node&gt;","seq":n,"ts":ms,"op":"request","amount":minor,"credit":value,
 *  "addrs":["&lt;address&gt;",…],"repay":"&lt;address&gt;"}                  paper §III.1 step 1 (the certificate is the signer's)
 * {"typ":"credit","from":"&lt;node&gt;","seq":n,"ts":ms,"op":"pay","token":"&lt;base64 token envelope&gt;",
 *  "to":"&lt;seller address&gt;","bill":"&lt;bill&gt;","amount":minor}          §III.2 step 2: the seller forwards the token
 * {"typ":"credit","from":"&lt;node&gt;","seq":n,"ts":ms,"op":"repay","loan":"&lt;token id&gt;","addr":"&lt;address&gt;"}
 * </pre>
 */
public sealed interface CreditMessage {
    String TYPE = "credit";
    int MAX_ADDRESSES = 64;
    int MAX_TOKEN_BYTES = 4096;

    NodeId node();

    long seq();

    Instant at();

    /** Step 1: a token request. */
    record Request(
            NodeId node,
            long seq,
            Instant at,
            CoinAmount amount,
            long credit,
            List<WalletAddress> addresses,
            WalletAddress repayFrom)
            implements CreditMessage {
        public Request {
            addresses = List.copyOf(addresses);
        }
    }

    /** Step 2: a seller forwards the borrower's token with its bill. */
    record Pay(NodeId node, long seq, Instant at, byte[] token, WalletAddress to, String bill, CoinAmount amount)
            implements CreditMessage {
        public Pay {
            token = token.clone();
        }

        @Override
        public byte[] token() {
            return token.clone();
        }
    }

    /** Repayment of a loan from one of the borrower's addresses. */
    record Repay(NodeId node, long seq, Instant at, String loan, WalletAddress from) implements CreditMessage {}

    default byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", node().value());
            g.writeNumberField("seq", seq());
            g.writeNumberField("ts", at().toEpochMilli());
            switch (this) {
                case Request r -> {
                    g.writeStringField("op", "request");
                    g.writeNumberField("amount", r.amount().minorUnits());
                    g.writeNumberField("credit", r.credit());
                    g.writeArrayFieldStart("addrs");
                    for (WalletAddress a : r.addresses()) {
                        g.writeString(a.toString());
                    }
                    g.writeEndArray();
                    g.writeStringField("repay", r.repayFrom().toString());
                }
                case Pay p -> {
                    g.writeStringField("op", "pay");
                    g.writeStringField("token", Base64.getEncoder().encodeToString(p.token()));
                    g.writeStringField("to", p.to().toString());
                    g.writeStringField("bill", p.bill());
                    g.writeNumberField("amount", p.amount().minorUnits());
                }
                case Repay r -> {
                    g.writeStringField("op", "repay");
                    g.writeStringField("loan", r.loan());
                    g.writeStringField("addr", r.from().toString());
                }
            }
            g.writeEndObject();
        });
    }

    default byte[] sign(PrivateKey nodeKey, KeyId nodeKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), nodeKey, nodeKeyId);
    }

    static Decoded<CreditMessage> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        NodeId node = f.fromNode();
        Instant at = Instant.ofEpochMilli(e.timestampMillis());
        String op = f.word("op", List.of("request", "pay", "repay"));
        return switch (op) {
            case "request" -> {
                CoinAmount amount = f.amount("amount");
                long credit = f.whole("credit", Long.MIN_VALUE + 1, Long.MAX_VALUE);
                List<WalletAddress> addrs = new ArrayList<>();
                for (var n : f.array("addrs", MAX_ADDRESSES)) {
                    Optional<WalletAddress> a = n.isTextual() ? WalletAddress.tryParse(n.asText()) : Optional.empty();
                    if (a.isEmpty()) {
                        yield Decoded.failure("addrs: every element must be a wallet address");
                    }
                    addrs.add(a.get());
                }
                WalletAddress repay = f.address("repay");
                yield f.result(() -> new Request(node, e.seq(), at, amount, credit, addrs, repay));
            }
            case "pay" -> {
                byte[] token = f.base64("token", MAX_TOKEN_BYTES);
                WalletAddress to = f.address("to");
                String bill = f.reference("bill");
                CoinAmount amount = f.amount("amount");
                yield f.result(() -> new Pay(node, e.seq(), at, token, to, bill, amount));
            }
            default -> {
                String loan = f.reference("loan");
                WalletAddress from = f.address("addr");
                yield f.result(() -> new Repay(node, e.seq(), at, loan, from));
            }
        };
    }
}
