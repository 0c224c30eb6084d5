package org.toxwatch.testsupport.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a key pair of its own: the service verifies bearer tokens with the public key (a plain
 * file path, as {@code TOXWATCH_JWT_PUBLIC_KEY} takes it), and the test signs them with
 * {@code TokenIssuer.fromPrivateKeyFile(...)} on the path in {@value #PRIVATE_KEY_PROPERTY}. Both files are deleted
 * after the test class.
 */
public class JwtKeyTestResource implements QuarkusTestResourceLifecycleManager {

    /** Config property holding the private key file; read it with {@code @ConfigProperty}. */
    public static final String PRIVATE_KEY_PROPERTY = "toxwatch.test.jwt.private-key";

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("toxwatch-jwt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TokenIssuer issuer = TokenIssuer.generate();
        Path publicKey = issuer.writePublicKey(directory.resolve("public-key.pem"));
        Path privateKey = issuer.writePrivateKey(directory.resolve("private-key.pem"));
        return Map.of(
                "mp.jwt.verify.publickey.location", publicKey.toString(),
                "mp.jwt.verify.issuer", TokenIssuer.ISSUER,
                PRIVATE_KEY_PROPERTY, privateKey.toString());
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            directory = null;
        }
    }
}
