package org.ebc.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.ebc.crypto.Pem;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.ebc.wire.Topics;

/** A test node with a real key and certificate from a {@link TestAuthority}, producing really signed OCMF records. */
public final class TestMeter {
    public final String node;
    public final String meter;
    public final TestAuthority.Issued issued;

    public TestMeter(TestAuthority authority, String node, String meter) {
        this(node, meter, authority.node(node, meter));
    }

    public TestMeter(String node, String meter, TestAuthority.Issued issued) {
        this.node = node;
        this.meter = meter;
        this.issued = issued;
    }

    public NodeId nodeId() {
        return NodeId.of(node);
    }

    public OcmfPayload payload(long page, long importWh, long exportWh, Instant time) {
        return payload(node, meter, page, importWh, exportWh, time, ClockStatus.S, "", "G");
    }

    public static OcmfPayload payload(
            String gs,
            String ms,
            long page,
            long importWh,
            long exportWh,
            Instant time,
            ClockStatus clock,
            String errorFlags,
            String status) {
        return payload(gs, ms, page, importWh, exportWh, time, clock, errorFlags, status, "T");
    }

    /** A slot-border reading (OCMF {@code TX = B}), as the agent takes at every market-slot border. */
    public byte[] borderReading(long page, long importWh, long exportWh, Instant time) {
        return sign(payload(node, meter, page, importWh, exportWh, time, ClockStatus.S, "", "G", "B"));
    }

    public static OcmfPayload payload(
            String gs,
            String ms,
            long page,
            long importWh,
            long exportWh,
            Instant time,
            ClockStatus clock,
            String errorFlags,
            String status,
            String transaction) {
        return new OcmfPayload(
                "1.0",
                "ebc meter-agent",
                gs,
                "0.1.0",
                PageCounter.of(page),
                "Eastron",
                "SDM630",
                ms,
                "1.0",
                List.of(
                        new OcmfReading(
                                time,
                                clock,
                                transaction,
                                Energy.ofWh(importWh),
                                Obis.IMPORT_ACTIVE_ENERGY,
                                errorFlags,
                                status),
                        new OcmfReading(
                                time,
                                clock,
                                transaction,
                                Energy.ofWh(exportWh),
                                Obis.EXPORT_ACTIVE_ENERGY,
                                errorFlags,
                                status)));
    }

    /** A record signed with this node's key. */
    public byte[] reading(long page, long importWh, long exportWh, Instant time) {
        return sign(payload(page, importWh, exportWh, time));
    }

    public byte[] sign(OcmfPayload p) {
        return OcmfCodec.sign(p, issued.keys().getPrivate());
    }

    public String readingTopic(EagId eag) {
        return Topics.reading(eag, nodeId());
    }

    public String certificateTopic(EagId eag) {
        return Topics.meter(eag, nodeId(), Topics.MeterMessage.CERTIFICATE);
    }

    public byte[] certificatePem() {
        return Pem.encode(issued.certificate()).getBytes(StandardCharsets.US_ASCII);
    }
}
