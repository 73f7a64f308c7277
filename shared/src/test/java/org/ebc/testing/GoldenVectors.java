package org.ebc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.PublicKey;
import org.ebc.crypto.Pem;

/** The committed golden vectors under {@code src/test/resources/golden/} (see the README there). */
public final class GoldenVectors {
    private GoldenVectors() {}

    public static byte[] bytes(String name) {
        try (InputStream in = GoldenVectors.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("golden vector " + name + " is missing from src/test/resources/golden/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("cannot read golden vector " + name, e);
        }
    }

    public static Path path(String name) {
        URL url = GoldenVectors.class.getResource("/golden/" + name);
        if (url == null) {
            throw new AssertionError("golden vector " + name + " is missing from src/test/resources/golden/");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new AssertionError("golden vector " + name + " is not a plain file: " + url, e);
        }
    }

    public static PublicKey publicKey(String name) {
        return Pem.readPublicKey(path(name));
    }
}
