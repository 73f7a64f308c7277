package org.ebc.crypto;

/** What a certificate's holder is; written as the subject's OU. */
public enum CertificateRole {
    /** The registration authority's root (the paper's trusted authority). */
    AUTHORITY("authority"),
    /** An energy aggregator gateway. */
    EAG("eag"),
    /** A meter node. */
    NODE("node"),
    /**
     * An MQTT broker's TLS server identity (a site Mosquitto): a server certificate only, so that a broker
     * never needs the EAG's key and its certificate can never log in as a client.
     */
    BROKER("broker");

    private final String ou;

    CertificateRole(String ou) {
        this.ou = ou;
    }

    public String ou() {
        return ou;
    }

    public static CertificateRole fromOu(String ou) {
        for (CertificateRole r : values()) {
            if (r.ou.equals(ou)) {
                return r;
            }
        }
        return null;
    }
}
