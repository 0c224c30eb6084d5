package org.toxwatch.testsupport.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens verify against the written public key only, and carry what the services read: issuer, upn, groups, expiry. */
class TokenIssuerTest {

    @Test
    void aTokenVerifiesWithTheWrittenPublicKeyAndCarriesUpnGroupsAndIssuer(@TempDir Path dir) throws Exception {
        TokenIssuer issuer = TokenIssuer.generate();
        PublicKey written = readPublicKey(issuer.writePublicKey(dir.resolve("public.pem")));

        JwtClaims claims = consumer(written, TokenIssuer.ISSUER).processToClaims(issuer.token("nurse-5b-0042", "nurse", "viewer"));

        assertEquals("nurse-5b-0042", claims.getStringClaimValue("upn"));
        assertEquals(List.of("nurse", "viewer"), claims.getStringListClaimValue("groups"));
        assertEquals(TokenIssuer.ISSUER, claims.getIssuer());
        assertTrue(issuer.bearer("x", "viewer").startsWith("Bearer "));
    }

    @Test
    void anotherKeyAnotherIssuerOrAnExpiredTokenDoNotVerify(@TempDir Path dir) throws Exception {
        TokenIssuer issuer = TokenIssuer.generate();
        PublicKey ours = readPublicKey(issuer.writePublicKey(dir.resolve("public.pem")));

        assertThrows(InvalidJwtException.class,
                () -> consumer(ours, TokenIssuer.ISSUER).processToClaims(TokenIssuer.generate().token("x", "nurse")));
        assertThrows(InvalidJwtException.class, () -> consumer(ours, TokenIssuer.ISSUER)
                .processToClaims(issuer.withIssuer("https://elsewhere.example/issuer").token("x", "nurse")));
        assertThrows(InvalidJwtException.class, () -> consumer(ours, TokenIssuer.ISSUER)
                .processToClaims(issuer.expiredToken(Duration.ofMinutes(10), "x", "nurse")));
    }

    @Test
    void thePrivateKeyFileGivesTheSameIssuerInAnotherPlace(@TempDir Path dir) throws Exception {
        TokenIssuer issuer = TokenIssuer.generate();
        PublicKey ours = readPublicKey(issuer.writePublicKey(dir.resolve("public.pem")));

        TokenIssuer reread = TokenIssuer.fromPrivateKeyFile(issuer.writePrivateKey(dir.resolve("keys/private.pem")));

        assertEquals(ours, reread.publicKey());
        assertEquals("onc-07", consumer(ours, TokenIssuer.ISSUER).processToClaims(reread.token("onc-07", "oncologist"))
                .getStringClaimValue("upn"));
        Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThrows(IllegalStateException.class, () -> TokenIssuer.fromPrivateKeyFile(dir.resolve("garbage.pem")));
    }

    @Test
    void theTestResourceHandsTheServiceThePublicKeyAndTheTestThePrivateKeyAndCleansUp() throws Exception {
        JwtKeyTestResource resource = new JwtKeyTestResource();
        Map<String, String> config = resource.start();
        Path publicKey = Path.of(config.get("mp.jwt.verify.publickey.location"));
        Path privateKey = Path.of(config.get(JwtKeyTestResource.PRIVATE_KEY_PROPERTY));
        try {
            TokenIssuer issuer = TokenIssuer.fromPrivateKeyFile(privateKey);
            assertEquals(TokenIssuer.ISSUER, config.get("mp.jwt.verify.issuer"));
            assertEquals("p-001", consumer(readPublicKey(publicKey), TokenIssuer.ISSUER)
                    .processToClaims(issuer.token("p-001", "patient")).getStringClaimValue("upn"));
        } finally {
            resource.stop();
        }
        assertTrue(Files.notExists(publicKey) && Files.notExists(privateKey), "key files left behind");
    }

    private static JwtConsumer consumer(PublicKey key, String issuer) {
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(issuer).setRequireExpirationTime()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    private static PublicKey readPublicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
