package org.ebc.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * Public keys carried inside payment envelopes ({@code "key":"<base64 SPKI>"}) and the addresses they name.
 * A key is accepted only if it is a P-256 key whose SubjectPublicKeyInfo re-encodes to exactly the bytes
 * given, so one key has one spelling: the wallet address is a hash of those bytes, and a second encoding of
 * the same point (a compressed point, explicit curve parameters) must not stand for another address.
 * Never throws.
 *
 * <p><b>Decoded keys and parsed addresses are kept</b> (up to {@value #CACHE_LIMIT} of each, all dropped when
 * full), keyed by their exact text. Wallets pay and are paid again and again; a key object that has verified
 * once carries Bouncy Castle's precomputed multiples of its point, and an address costs two Base58
 * conversions to parse. A kept key is a few KB, so the limit bounds the memory at some tens of MB. Only
 * keys and addresses that passed every check are kept, with what follows from them (key id, address).
 *
 * <p>Thread-safe: one {@link KeyFactory} per thread, made again (and the kept keys dropped) if the process's
 * provider choice changed.
 */
final class WalletKeys {
    static final int CACHE_LIMIT = 8192;
    private static final ThreadLocal<KeyFactory> FACTORY = new ThreadLocal<>();
    private static final ConcurrentHashMap<String, WalletKey> KEYS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, WalletAddress> ADDRESSES = new ConcurrentHashMap<>();
    private static volatile @Nullable Provider keysFrom;

    /**
     * A checked wallet key with what follows from it.
     *
     * @param key the key, of the process's provider
     * @param base64 its canonical text (standard base64 of its SubjectPublicKeyInfo)
     * @param keyId {@code KeyId.of(key)}
     * @param address {@code WalletAddress.of(key)}
     */
    record WalletKey(PublicKey key, String base64, KeyId keyId, WalletAddress address) {}

    private WalletKeys() {}

    @SuppressWarnings("ReferenceEquality") // deliberately: see the comment on the provider check
    static Optional<WalletKey> fromBase64(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 256) {
            return Optional.empty();
        }
        Provider provider = Crypto.provider();
        // Identity, not equals: a Provider is a Properties map, and equals compares its ~5,600 entries.
        if (provider != keysFrom) {
            KEYS.clear();
            keysFrom = provider;
        }
        WalletKey kept = KEYS.get(text);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<WalletKey> key = decode(text);
        key.ifPresent(k -> keep(KEYS, text, k));
        return key;
    }

    /** {@link WalletAddress#tryParse}, remembering what parsed. */
    static Optional<WalletAddress> address(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        WalletAddress kept = ADDRESSES.get(text);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<WalletAddress> a = WalletAddress.tryParse(text);
        a.ifPresent(parsed -> keep(ADDRESSES, text, parsed));
        return a;
    }

    private static <T> void keep(ConcurrentHashMap<String, T> map, String text, T value) {
        if (map.size() >= CACHE_LIMIT) {
            map.clear();
        }
        map.put(text, value);
    }

    private static Optional<WalletKey> decode(String text) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            PublicKey key = factory().generatePublic(new X509EncodedKeySpec(der));
            if (!KeyPairs.isP256(key)
                    || !Arrays.equals(key.getEncoded(), der)
                    || !toBase64(key).equals(text)) {
                return Optional.empty();
            }
            return Optional.of(new WalletKey(key, text, KeyId.of(key), WalletAddress.of(key)));
        } catch (GeneralSecurityException | RuntimeException e) {
            FACTORY.remove();
            return Optional.empty();
        }
    }

    static String toBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    @SuppressWarnings("ReferenceEquality") // a Provider's equals compares all its entries
    private static KeyFactory factory() throws GeneralSecurityException {
        KeyFactory f = FACTORY.get();
        if (f == null || f.getProvider() != Crypto.provider()) {
            f = KeyFactory.getInstance("EC", Crypto.provider());
            FACTORY.set(f);
        }
        return f;
    }
}
