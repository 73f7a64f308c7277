package org.ebc.gateway.consensus.harness;

import java.util.List;
import org.ebc.consensus.MessageKind;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * What an EAG really puts on the wire when its (honest) core hands the transport a message. Honest EAGs
 * send it as it is; byzantine ones rewrite it: conflicting copies to different peers, garbage, silence.
 * A byzantine EAG can also watch what it receives, to know which blocks are about.
 */
public interface Behaviour {

    /** A message as sent: to one EAG, or to all ({@code to == null}). */
    record Outgoing(@Nullable EagId to, MessageKind kind, byte[] raw) {}

    List<Outgoing> rewrite(SimulatedEag self, Outgoing message);

    default void observe(SimulatedEag self, byte[] raw) {}

    Behaviour HONEST = (self, message) -> List.of(message);

    /** Sends nothing at all (a byzantine EAG that withholds every vote). */
    Behaviour SILENT = (self, message) -> List.of();
}
