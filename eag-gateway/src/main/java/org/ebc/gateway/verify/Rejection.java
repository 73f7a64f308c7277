package org.ebc.gateway.verify;

import java.time.Instant;
import java.util.Objects;
import org.ebc.units.NodeId;

/**
 * One refused message, as counted, logged, stored in the rejection log and (when {@link #answerable()})
 * answered with a negative acknowledgement. The rejected bytes themselves are never stored.
 *
 * @param reason the code
 * @param detail one line for operators; never contains secrets
 * @param sender the node named by the topic, or null when the topic names none
 * @param topic the topic it arrived on (cut to 200 characters)
 * @param page the page counter the record carried, or null when none could be read; for records whose
 *     signature did not verify this is the claimed page (used only to label the negative ack)
 * @param sizeBytes the message size in bytes
 * @param receivedAt the gateway's clock when the message arrived
 * @param answerable true when the sender is a node the gateway knows and the page is known, so a
 *     negative ack can be sent to it
 * @param digest the first 16 hex digits of SHA-256 over the message, so the agent can match the negative
 *     ack to the exact record it sent
 */
public record Rejection(
        RejectReason reason,
        String detail,
        NodeId sender,
        String topic,
        Long page,
        int sizeBytes,
        Instant receivedAt,
        boolean answerable,
        String digest) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(receivedAt, "receivedAt");
        topic = topic == null ? "" : topic.length() > 200 ? topic.substring(0, 200) : topic;
        digest = digest == null ? "" : digest;
        if (answerable && (sender == null || page == null)) {
            throw new IllegalArgumentException("an answerable rejection needs a sender and a page");
        }
    }

    /** Who to name in a log line: the node, or the topic when there is no node. */
    public String senderText() {
        return sender != null ? sender.value() : "topic '" + printable(topic) + "'";
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
