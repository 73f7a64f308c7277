package org.ebc.gateway.ledger;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.ebc.gateway.chain.Enrollments;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Registrations;
import org.ebc.ledger.RegistrationsReason;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The authority's registrations as this EAG knows them (issue 8, "registration and exit"): the newest
 * {@link Registrations} that verifies under the authority's root, from the authority's directory (a gateway with
 * {@code authority.dir}) or from any EAG over {@code ebc/v1/consortium/<eag>/registrations}. A newer revision replaces
 * the one held, is kept in SQLite before it is used, and is handed to the listeners (the consortium node passes it on
 * under its own topic, so it crosses every bridge); an older or equal one changes nothing; a forged or damaged one is
 * refused with its reason, counted, and logged once per reason.
 *
 * <p>As {@link Enrollments} for the chain, the registrations answer first; a node they do not list is looked up in
 * {@code local} (this gateway's own account pool, at home here), so a single EAG without an authority directory, or
 * an authority older than the registrations, works as before. Thread-safe: offers are serialised, reads see one
 * revision.
 */
public final class RegistrationFeed implements Enrollments {

    /** What an offered document did. */
    public enum Verdict {
        /** Newer than the one held: adopted. */
        ADOPTED,
        /** The revision held (an echo of the same document). */
        ALREADY_HELD,
        /** Older than the one held: ignored. */
        OLDER,
        /** Does not verify under the authority's root, or another document with the revision held. */
        REFUSED
    }

    /** The verdict and, for a refusal, the reason and detail. */
    public record Offer(Verdict verdict, @Nullable RegistrationsReason reason, String detail) {}

    private final X509Certificate root;
    private final RegistrationStore store;
    private final Enrollments local;
    private final Clock clock;
    private final List<Consumer<Registrations>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
    private final Set<RegistrationsReason> logged = EnumSet.noneOf(RegistrationsReason.class);
    private volatile @Nullable Registrations current;

    /** Loads the newest kept registrations (a kept one that no longer verifies is logged and not used). */
    public RegistrationFeed(X509Certificate root, RegistrationStore store, Enrollments local, Clock clock) {
        this.root = root;
        this.store = store;
        this.local = local;
        this.clock = clock;
        store.newest().ifPresent(raw -> {
            Outcome<RegistrationsReason, Registrations> v = Registrations.verify(raw, root);
            if (v.isOk()) {
                current = v.orElseThrow();
            } else {
                Logger.error(
                        "registrations: the kept document does not verify ({}: {}); waiting for a new one",
                        v.reason(),
                        v.detail());
            }
        });
    }

    /** Called with every adopted revision (on the offering thread). */
    public void onAdopted(Consumer<Registrations> listener) {
        listeners.add(listener);
    }

    /** Offers a document from {@code source} (for the log: "the authority's directory", an EAG id). */
    public Offer offer(byte[] raw, String source) {
        Registrations adopted;
        synchronized (this) {
            Outcome<RegistrationsReason, Registrations> v = Registrations.verify(raw, root);
            if (!v.isOk()) {
                if (logged.add(v.reason())) {
                    Logger.warn(
                            "registrations: refused a document from {}: {} ({}); further ones are counted, not logged",
                            source,
                            v.reason(),
                            v.detail());
                }
                return count(new Offer(Verdict.REFUSED, v.reason(), v.detail()));
            }
            Registrations r = v.orElseThrow();
            Registrations held = current;
            if (held != null && r.seq() == held.seq()) {
                if (r.equals(held)) {
                    return count(new Offer(Verdict.ALREADY_HELD, null, "revision " + r.seq() + " is held"));
                }
                // The authority never signs two documents with one revision; keep the first, say so once.
                if (logged.add(RegistrationsReason.DUPLICATE)) {
                    Logger.error(
                            "registrations: {} sent another document with revision {} (the authority signed two?)",
                            source,
                            r.seq());
                }
                return count(new Offer(
                        Verdict.REFUSED, RegistrationsReason.DUPLICATE, "another document with revision " + r.seq()));
            }
            if (held != null && r.seq() < held.seq()) {
                return count(new Offer(Verdict.OLDER, null, "revision " + r.seq() + " < " + held.seq()));
            }
            store.keep(r.seq(), r.raw(), clock.millis());
            current = r;
            adopted = r;
            count(new Offer(Verdict.ADOPTED, null, ""));
        }
        long revoked = adopted.nodes().stream().filter(n -> !n.active()).count();
        Logger.info(
                "registrations: revision {} of {} from {}: {} nodes ({} revoked)",
                adopted.seq(),
                adopted.authority(),
                source,
                adopted.nodes().size(),
                revoked);
        for (Consumer<Registrations> l : listeners) {
            try {
                l.accept(adopted);
            } catch (RuntimeException e) {
                Logger.error(e, "registrations: a listener failed");
            }
        }
        return new Offer(Verdict.ADOPTED, null, "revision " + adopted.seq());
    }

    private Offer count(Offer o) {
        counts.merge(o.verdict(), 1L, Long::sum);
        return o;
    }

    /** How many offers got {@code v}. */
    public synchronized long count(Verdict v) {
        return counts.getOrDefault(v, 0L);
    }

    /** The registrations held. */
    public Optional<Registrations> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public Optional<EagId> homeEag(WalletAddress address) {
        Registrations r = current;
        Optional<Registrations.Node> n = r == null ? Optional.empty() : r.byAddress(address);
        return n.isPresent() ? Optional.of(n.get().home()) : local.homeEag(address);
    }

    @Override
    public Optional<NodeId> node(WalletAddress address) {
        Registrations r = current;
        Optional<Registrations.Node> n = r == null ? Optional.empty() : r.byAddress(address);
        return n.isPresent() ? Optional.of(n.get().node()) : local.node(address);
    }

    @Override
    public boolean isRegistered(NodeId node) {
        Registrations r = current;
        return (r != null && r.node(node).isPresent()) || local.isRegistered(node);
    }

    @Override
    public OptionalLong revokedAt(NodeId node) {
        Registrations r = current;
        Optional<Registrations.Node> n = r == null ? Optional.empty() : r.node(node);
        if (n.isEmpty()) {
            return local.revokedAt(node);
        }
        Long at = n.get().revokedAt();
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }
}
