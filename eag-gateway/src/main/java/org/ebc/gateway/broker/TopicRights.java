package org.ebc.gateway.broker;

import java.util.List;
import java.util.Objects;
import org.ebc.wire.Topics;

/**
 * Who may publish and subscribe where, for both brokers a site can run: the embedded broker applies these
 * rights to every client of its TLS listener ({@link CertificateLogin}), and {@link MosquittoAcl} writes the
 * same rights as Mosquitto ACL lines. One definition, so the two cannot drift apart. Stateless; thread-safe.
 *
 * <ul>
 *   <li>A <b>node</b> (certificate CN = node id) publishes only under its own
 *       {@code ebc/v1/<any eag>/meter/<node>/#} (readings, certificate, status, orders, payments) and reads
 *       only what is addressed to it, {@code ebc/v1/+/node/<node>/#} (acknowledgements, bills, tokens), and the
 *       EAGs' public topics {@code ebc/v1/+/eag/#} (the EAG's certificate) and {@code ebc/v1/+/market/#}
 *       (demand, prices, results).</li>
 *   <li>An <b>EAG</b> (CN = EAG id) reads and writes everything of its own EAG, {@code ebc/v1/<eag>/#}, and
 *       the consortium's topics {@code ebc/v1/consortium/#}.</li>
 * </ul>
 *
 * The node id in a topic filter is the certificate's CN, whose shape ({@code [A-Za-z0-9._-]}, checked by the
 * authority) keeps MQTT wildcards and separators out of it.
 */
public final class TopicRights {
    private TopicRights() {}

    /** What a right allows. */
    public enum Activity {
        PUBLISH,
        SUBSCRIBE,
        PUBLISH_AND_SUBSCRIBE
    }

    /**
     * One granted topic filter.
     *
     * @param filter an MQTT topic filter ({@code +} and {@code #} wildcards)
     * @param activity what the holder may do with topics it matches
     * @param purpose what it is for, written as a comment next to the Mosquitto line
     */
    public record Right(String filter, Activity activity, String purpose) {
        public Right {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /**
     * The rights of the node whose certificate CN is {@code node}. {@link MosquittoAcl} passes {@code %u}
     * (Mosquitto's placeholder for the CN) to write them as patterns.
     */
    public static List<Right> node(String node) {
        String root = Topics.ROOT + "/+/";
        return List.of(
                new Right(
                        root + "meter/" + node + "/#",
                        Activity.PUBLISH,
                        "A node publishes its signed readings, certificate, status, orders and payments only under its own"
                                + " id, to whichever EAG serves it."),
                new Right(
                        root + "node/" + node + "/#",
                        Activity.SUBSCRIBE,
                        "A node reads what an EAG addresses to it: acknowledgements, bills, token answers."),
                new Right(
                        root + "eag/#",
                        Activity.SUBSCRIBE,
                        "Every authenticated client reads the EAGs' public topics (each EAG's certificate)."),
                new Right(
                        root + "market/#",
                        Activity.SUBSCRIBE,
                        "Every authenticated client reads the market broadcasts of every EAG (demand, prices, results)."));
    }

    /** The rights of the EAG whose certificate CN is {@code eag}. */
    public static List<Right> eag(String eag) {
        return List.of(
                new Right(
                        Topics.ROOT + "/" + eag + "/#",
                        Activity.PUBLISH_AND_SUBSCRIBE,
                        "It reads and writes everything of its own EAG: its meters' messages, its answers to its nodes,"
                                + " its certificate, its market."),
                new Right(
                        Topics.ROOT + "/consortium/#",
                        Activity.PUBLISH_AND_SUBSCRIBE,
                        "It takes part in consensus with the other EAGs (proposals, audits, replies, commits, blacklist,"
                                + " sync)."));
    }
}
