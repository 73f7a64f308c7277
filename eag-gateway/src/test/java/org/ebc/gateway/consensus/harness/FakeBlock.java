package org.ebc.gateway.consensus.harness;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.units.EagId;

/**
 * A block as small as a test needs: height, parent, miner, a salt (two blocks of one miner at one height
 * differ by it) and whether its "proof of work" is valid. Text, so a failing test prints readably.
 */
public record FakeBlock(long height, BlockHash previous, EagId miner, long salt, boolean work) {
    private static final String PREFIX = "fake-block|";

    public byte[] bytes() {
        return (PREFIX + height + "|" + previous.hex() + "|" + miner + "|" + salt + "|" + (work ? "work" : "nowork"))
                .getBytes(StandardCharsets.UTF_8);
    }

    public BlockHash hash() {
        return BlockHash.sha256(bytes());
    }

    public static Optional<FakeBlock> parse(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        if (!s.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] f = s.substring(PREFIX.length()).split("\\|", -1);
        try {
            if (f.length != 5 || !BlockHash.isValid(f[1]) || !EagId.isValid(f[2])) {
                return Optional.empty();
            }
            boolean work = switch (f[4]) {
                case "work" -> true;
                case "nowork" -> false;
                default -> throw new NumberFormatException(f[4]);
            };
            FakeBlock b = new FakeBlock(
                    Long.parseLong(f[0]), new BlockHash(f[1]), EagId.of(f[2]), Long.parseLong(f[3]), work);
            // Only the canonical spelling is a block: "01" and "1" must not be two blocks with one meaning.
            return java.util.Arrays.equals(b.bytes(), data) ? Optional.of(b) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
