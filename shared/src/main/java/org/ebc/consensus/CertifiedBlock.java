package org.ebc.consensus;

/**
 * A committed block as it is stored and sent to a catching-up EAG: its bytes and its certificate.
 *
 * @param block the block's bytes, opaque to consensus
 * @param certificate the quorum of replies that committed it
 */
public record CertifiedBlock(byte[] block, CommitCertificate certificate) {

    public long height() {
        return certificate.height();
    }

    public BlockHash hash() {
        return certificate.block();
    }
}
