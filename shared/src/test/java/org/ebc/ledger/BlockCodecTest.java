package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebc.crypto.KeyPairs;
import org.ebc.testing.ByteMutations;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** Header, coinbase and block layouts: fixed offsets, one encoding, hostile bytes refused without a throw. */
class BlockCodecTest {
    static final KeyPair MINER = KeyPairs.generate();
    static final Sha256Hash CHAIN = Sha256Hash.of("a genesis".getBytes(StandardCharsets.US_ASCII));
    static final EagId EAG = EagId.of("eag-7");

    static Coinbase coinbase(long height) {
        return Coinbase.of(
                CHAIN,
                height,
                EAG,
                WalletAddress.of(MINER.getPublic()),
                CoinAmount.ofCoins(1),
                List.of(new Coinbase.Award(
                        Sha256Hash.of(new byte[] {1}),
                        WalletAddress.of(MINER.getPublic()),
                        CoinAmount.ofMinorUnits(5))));
    }

    static Block block(int txs) {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            envelopes.add(("EBC1|{\"n\":" + i + "}|{}").getBytes(StandardCharsets.US_ASCII));
        }
        Coinbase c = coinbase(3);
        BlockHeader h = new BlockHeader(
                CHAIN,
                3,
                Sha256Hash.of(new byte[] {2}),
                1_795_248_030_000L,
                MerkleTree.root(Block.leaves(c, envelopes)),
                txs,
                Target.ofLeadingZeroBits(3),
                EAG,
                42);
        return Block.sign(h, c, envelopes, MINER);
    }

    @Test
    void theHeaderIsTheDocumentedFixedLayout() {
        BlockHeader h = block(2).header();
        byte[] b = h.bytes();
        ByteBuffer buf = ByteBuffer.wrap(b);

        assertThat(b).hasSize(224);
        assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("EBH1");
        assertThat(Arrays.copyOfRange(b, 4, 36)).isEqualTo(CHAIN.bytes());
        assertThat(buf.getLong(36)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(b, 44, 76))
                .isEqualTo(Sha256Hash.of(new byte[] {2}).bytes());
        assertThat(buf.getLong(76)).isEqualTo(1_795_248_030_000L);
        assertThat(Arrays.copyOfRange(b, 84, 116)).isEqualTo(h.merkleRoot().bytes());
        assertThat(buf.getInt(116)).isEqualTo(2);
        assertThat(Arrays.copyOfRange(b, 120, 152))
                .isEqualTo(Target.ofLeadingZeroBits(3).bytes());
        assertThat(new String(b, 152, 5, StandardCharsets.US_ASCII)).isEqualTo("eag-7");
        assertThat(Arrays.copyOfRange(b, 157, 216)).containsOnly(0);
        assertThat(buf.getLong(216)).isEqualTo(42);
        assertThat(h.hash()).isEqualTo(Sha256Hash.of(b));
        assertThat(BlockHeader.parse(b).orElseThrow()).isEqualTo(h);
    }

    @Test
    void headersWithAWrongMagicLengthFieldOrMinerPaddingAreMalformed() {
        byte[] good = block(2).header().bytes();
        List<byte[]> bad = new ArrayList<>();
        bad.add(Arrays.copyOf(good, 223));
        bad.add(Arrays.copyOf(good, 225));
        byte[] magic = good.clone();
        magic[3] = '2';
        bad.add(magic);
        byte[] height0 = good.clone();
        Arrays.fill(height0, 36, 44, (byte) 0);
        bad.add(height0);
        byte[] negativeTime = good.clone();
        negativeTime[76] = (byte) 0x80;
        bad.add(negativeTime);
        byte[] hugeCount = good.clone();
        hugeCount[116] = 0x7F;
        bad.add(hugeCount);
        byte[] zeroTarget = good.clone();
        Arrays.fill(zeroTarget, 120, 152, (byte) 0);
        bad.add(zeroTarget);
        byte[] padding = good.clone();
        padding[200] = 'x';
        bad.add(padding);
        byte[] noMiner = good.clone();
        Arrays.fill(noMiner, 152, 216, (byte) 0);
        bad.add(noMiner);
        byte[] slash = good.clone();
        slash[154] = '/';
        bad.add(slash);
        for (byte[] b : bad) {
            assertThat(BlockHeader.parse(b).reason()).isEqualTo(FormatReason.MALFORMED);
        }
    }

    @Test
    void aBlockRoundTripsAndItsMinerSignatureCoversTheHeader() {
        for (int n : new int[] {0, 1, 2, 7}) {
            Block b = block(n);
            byte[] raw = b.encode();
            Block back = Block.decode(raw).orElseThrow();

            assertThat(back.encode()).isEqualTo(raw);
            assertThat(back.hash()).isEqualTo(b.hash());
            assertThat(back.transactions()).hasSize(n);
            assertThat(back.coinbase()).isEqualTo(b.coinbase());
            assertThat(back.isSignedBy(MINER.getPublic())).isTrue();
            assertThat(back.isSignedBy(KeyPairs.generate().getPublic())).isFalse();
            assertThat(back.computeMerkleRoot()).isEqualTo(back.header().merkleRoot());
            assertThat(back.leaves()).hasSize(n + 1).startsWith(b.coinbase().id());
        }
    }

    @Test
    void everyTruncationAndAnyTrailingByteOfABlockIsMalformedAndNothingThrows() {
        byte[] raw = block(3).encode();
        for (int len = 0; len < raw.length; len++) {
            assertThat(Block.decode(Arrays.copyOf(raw, len)).reason())
                    .as("length %d", len)
                    .isEqualTo(FormatReason.MALFORMED);
        }
        assertThat(Block.decode(Arrays.copyOf(raw, raw.length + 1)).reason()).isEqualTo(FormatReason.MALFORMED);
    }

    @Test
    void aBlockWhoseCountOrLengthsDisagreeWithItsContentIsMalformed() {
        byte[] raw = block(3).encode();
        ByteBuffer b = ByteBuffer.wrap(raw);
        int sigLen = raw[4 + 224] & 0xFF;
        int coinbaseAt = 4 + 224 + 1 + sigLen;
        int coinbaseLen = b.getInt(coinbaseAt);
        int countAt = coinbaseAt + 4 + coinbaseLen;

        byte[] moreTxs = raw.clone();
        ByteBuffer.wrap(moreTxs).putInt(countAt, 4);
        byte[] fewerTxs = raw.clone();
        ByteBuffer.wrap(fewerTxs).putInt(countAt, 2);
        byte[] bigSig = raw.clone();
        bigSig[4 + 224] = (byte) 81;
        byte[] zeroCoinbase = raw.clone();
        ByteBuffer.wrap(zeroCoinbase).putInt(coinbaseAt, 0);
        byte[] zeroTx = raw.clone();
        ByteBuffer.wrap(zeroTx).putInt(countAt + 4, 0);
        for (byte[] bad : List.of(moreTxs, fewerTxs, bigSig, zeroCoinbase, zeroTx)) {
            assertThat(Block.decode(bad).reason()).isEqualTo(FormatReason.MALFORMED);
        }
        assertThat(Block.decode(new byte[Block.MAX_BYTES + 1]).reason()).isEqualTo(FormatReason.TOO_LARGE);
    }

    @Test
    void aCoinbaseIsReadOnlyInItsOneEncoding() {
        Coinbase c = coinbase(9);
        assertThat(Coinbase.parse(c.raw()).orElseThrow()).isEqualTo(c);
        String s = new String(c.raw(), StandardCharsets.US_ASCII);
        String[] bad = {
            s.replace(",\"height\"", ", \"height\""),
            s.replace("\"typ\":\"coinbase\"", "\"typ\":\"coinbasE\""),
            s.replace("\"height\":9", "\"height\":0"),
            s.replace("\"reward\":100000000", "\"reward\":-1"),
            s.replace("\"amount\":5", "\"amount\":0"),
            s.replace("\"miner\":\"eag-7\"", "\"miner\":\"eag/7\""),
            s.replace("}]}", "}],\"x\":1}"),
            "[]",
        };
        for (String b : bad) {
            assertThat(Coinbase.parse(b.getBytes(StandardCharsets.US_ASCII)).reason())
                    .as(b)
                    .isEqualTo(FormatReason.MALFORMED);
        }
        assertThat(Coinbase.parse(new byte[Coinbase.MAX_BYTES + 1]).reason()).isEqualTo(FormatReason.TOO_LARGE);
    }

    @Test
    void damagedBlocksNeverThrow() {
        byte[] raw = block(4).encode();
        for (long seed = 0; seed < 2000; seed++) {
            byte[] m = ByteMutations.mutate(raw, seed, "{}\":,|EBCH1\\u0000");
            Outcome<FormatReason, Block> d = Block.decode(m);
            if (d.isOk()) {
                assertThat(d.orElseThrow().encode()).isEqualTo(m);
            }
        }
    }

    @Test
    void aBlockMustCarryAsManyTransactionsAsItsHeaderCounts() {
        Block b = block(2);
        assertThatThrownBy(() -> Block.of(b.header(), b.minerSignature(), b.coinbase(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counts 2");
    }
}
