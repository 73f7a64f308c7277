package org.ebc.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ebc.crypto.KeyPairs;
import org.junit.jupiter.api.Test;

class WalletAddressTest {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final List<WalletAddress> ADDRESSES = IntStream.range(0, 20)
            .mapToObj(i -> WalletAddress.of(KeyPairs.generate().getPublic()))
            .toList();

    @Test
    void anAddressReadsBackFromItsText() {
        KeyPair wallet = KeyPairs.generate();
        WalletAddress address = WalletAddress.of(wallet.getPublic());

        WalletAddress.Parsed parsed = WalletAddress.parse(address.toString());

        assertThat(parsed.isOk()).isTrue();
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.address()).isEqualTo(address).hasSameHashCodeAs(address);
        assertThat(parsed.address().hash()).isEqualTo(address.hash()).hasSize(20);
        assertThat(WalletAddress.tryParse(address.toString())).contains(address);
        assertThat(WalletAddress.of(wallet.getPublic()))
                .as("the same key, again")
                .isEqualTo(address);
    }

    @Test
    void differentKeysGiveDifferentAddresses() {
        Set<WalletAddress> distinct = new HashSet<>(ADDRESSES);
        Set<String> texts = new HashSet<>();
        ADDRESSES.forEach(a -> texts.add(a.toString()));

        assertThat(distinct).hasSize(ADDRESSES.size());
        assertThat(texts).hasSize(ADDRESSES.size());
    }

    @Test
    void everySingleCharacterSubstitutionIsRejected() {
        Map<WalletAddress.Problem, Integer> problems = new EnumMap<>(WalletAddress.Problem.class);
        int substitutions = 0;
        for (WalletAddress a : ADDRESSES) {
            String text = a.toString();
            for (int i = 0; i < text.length(); i++) {
                for (char c : (ALPHABET + "0OIl +/").toCharArray()) {
                    if (c == text.charAt(i)) {
                        continue;
                    }
                    String changed = text.substring(0, i) + c + text.substring(i + 1);
                    WalletAddress.Parsed parsed = WalletAddress.parse(changed);
                    assertThat(parsed.isOk())
                            .as("%s with position %d changed to '%s'", text, i, c)
                            .isFalse();
                    problems.merge(parsed.problem(), 1, Integer::sum);
                    substitutions++;
                }
            }
        }

        assertThat(substitutions).isGreaterThan(20 * 30 * 57);
        assertThat(problems).containsKeys(WalletAddress.Problem.BAD_CHECKSUM, WalletAddress.Problem.BAD_CHARACTER);
        assertThat(problems.get(WalletAddress.Problem.BAD_CHECKSUM))
                .as("most substitutions are caught by the checksum")
                .isGreaterThan(substitutions / 2);
    }

    @Test
    void anAdjacentTranspositionIsRejected() {
        for (WalletAddress a : ADDRESSES) {
            String text = a.toString();
            for (int i = 0; i + 1 < text.length(); i++) {
                if (text.charAt(i) != text.charAt(i + 1)) {
                    String swapped = text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
                    assertThat(WalletAddress.parse(swapped).isOk()).as(swapped).isFalse();
                }
            }
        }
    }

    @Test
    void emptyOverlongPaddedAndTruncatedTextsAreRejectedWithTheirProblem() {
        String text = ADDRESSES.get(0).toString();

        assertThat(WalletAddress.parse(null).problem()).isEqualTo(WalletAddress.Problem.EMPTY);
        assertThat(WalletAddress.parse("").problem()).isEqualTo(WalletAddress.Problem.EMPTY);
        assertThat(WalletAddress.parse(text + text).problem()).isEqualTo(WalletAddress.Problem.BAD_LENGTH);
        assertThat(WalletAddress.parse(text.substring(1)).isOk()).isFalse();
        assertThat(WalletAddress.parse(text.substring(0, text.length() - 1)).isOk())
                .isFalse();
        assertThat(WalletAddress.parse("1" + text).isOk())
                .as("a leading '1' (a zero digit) must not be ignored")
                .isFalse();
        assertThat(WalletAddress.parse(" " + text).problem()).isEqualTo(WalletAddress.Problem.BAD_CHARACTER);
        assertThat(WalletAddress.tryParse("1")).isEmpty();
    }

    @Property(tries = 3000)
    void noTextMakesTheParserThrowAndOnlyAnAddressesOwnTextIsAccepted(@ForAll("hostileAddresses") String text) {
        WalletAddress.Parsed parsed = WalletAddress.parse(text);

        assertThat(parsed.isOk()).isEqualTo(parsed.problem() == null);
        if (parsed.isOk()) {
            assertThat(parsed.address().toString()).isEqualTo(text);
        }
    }

    @Provide
    Arbitrary<String> hostileAddresses() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(1).ofMaxLength(45),
                Arbitraries.of(ADDRESSES).map(WalletAddress::toString),
                Arbitraries.of(ADDRESSES)
                        .flatMap(a -> Arbitraries.integers()
                                .between(0, a.toString().length())
                                .map(n -> a.toString().substring(0, n))));
    }

    /** The Base58 the address used to be written with (BigInteger), to hold the faster one to the same answers. */
    private static String bigIntegerBase58(byte[] bytes) {
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        StringBuilder sb = new StringBuilder();
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        return sb.reverse().toString();
    }

    @Property(tries = 3000)
    void base58ByLongDivisionGivesWhatBigIntegerGave(@ForAll byte[] bytes) {
        String text = WalletAddress.toBase58(bytes);
        assertThat(text).isEqualTo(bigIntegerBase58(bytes));
        byte[] digits = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            digits[i] = (byte) ALPHABET.indexOf(text.charAt(i));
        }
        byte[] magnitude = new java.math.BigInteger(1, bytes).toByteArray();
        byte[] expected = magnitude.length > 1 && magnitude[0] == 0
                ? java.util.Arrays.copyOfRange(magnitude, 1, magnitude.length)
                : (magnitude.length == 1 && magnitude[0] == 0 ? new byte[0] : magnitude);
        assertThat(WalletAddress.fromBase58(digits)).isEqualTo(expected);
    }

    /**
     * The parse as it was before it stopped re-encoding the address to compare texts: BigInteger Base58, and
     * the text accepted only if the address's own text (re-encoded) is the same.
     */
    private static WalletAddress.Problem referenceProblem(String text) {
        if (text == null || text.isEmpty()) {
            return WalletAddress.Problem.EMPTY;
        }
        if (text.length() > 40) {
            return WalletAddress.Problem.BAD_LENGTH;
        }
        java.math.BigInteger n = java.math.BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            int d = ALPHABET.indexOf(text.charAt(i));
            if (d < 0) {
                return WalletAddress.Problem.BAD_CHARACTER;
            }
            n = n.multiply(java.math.BigInteger.valueOf(58)).add(java.math.BigInteger.valueOf(d));
        }
        byte[] big = n.toByteArray();
        byte[] bytes = big.length > 25 && big[0] == 0 ? java.util.Arrays.copyOfRange(big, 1, big.length) : big;
        if (bytes.length != 25) {
            return WalletAddress.Problem.BAD_LENGTH;
        }
        if (bytes[0] != WalletAddress.VERSION) {
            return WalletAddress.Problem.WRONG_VERSION;
        }
        byte[] check = sha256(sha256(java.util.Arrays.copyOf(bytes, 21)));
        if (!java.util.Arrays.equals(check, 0, 4, bytes, 21, 25)) {
            return WalletAddress.Problem.BAD_CHECKSUM;
        }
        if (!bigIntegerBase58(bytes).equals(text)) {
            return WalletAddress.Problem.BAD_CHARACTER;
        }
        return null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> addressLikeTexts() {
        return Arbitraries.oneOf(
                hostileAddresses(),
                Arbitraries.of(ADDRESSES).map(a -> "1" + a),
                Arbitraries.of(ADDRESSES).map(a -> "11" + a),
                Arbitraries.of(ADDRESSES).map(a -> "1" + a.toString().substring(1)),
                Arbitraries.strings().withChars("1").ofMinLength(1).ofMaxLength(41),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(33).ofMaxLength(36));
    }

    @Property(tries = 5000)
    void theParseGivesTheAnswersOfTheParseThatReEncoded(@ForAll("addressLikeTexts") String text) {
        WalletAddress.Parsed parsed = WalletAddress.parse(text);

        assertThat(parsed.problem()).as(text).isEqualTo(referenceProblem(text));
        if (parsed.isOk()) {
            assertThat(parsed.address().toString()).isEqualTo(text);
            assertThat(parsed.address().hash()).hasSize(20);
        }
    }

    @Test
    void anAddressFromAKeyWritesItsTextWhenAskedAndEqualsTheParsedOne() {
        for (int i = 0; i < 20; i++) {
            KeyPair k = KeyPairs.generate();
            WalletAddress fromKey = WalletAddress.of(k.getPublic());
            WalletAddress fromSpki = WalletAddress.ofSpki(k.getPublic().getEncoded());
            assertThat(fromSpki).isEqualTo(fromKey).hasSameHashCodeAs(fromKey);
            WalletAddress parsed = WalletAddress.parse(fromKey.toString()).address();
            assertThat(parsed).isEqualTo(fromSpki);
            assertThat(fromSpki.toString()).isEqualTo(fromKey.toString());
            assertThat(fromSpki.compareTo(parsed)).isZero();
            assertThat(java.util.Arrays.copyOf(sha256(k.getPublic().getEncoded()), 20))
                    .isEqualTo(fromSpki.hash());
        }
    }
}
