package org.toxwatch.testsupport.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Stands in for the hospital's identity provider in tests and the demo: an RSA key pair made at run time (never
 * committed, never reused) and RS256 bearer tokens signed with it, carrying who ({@code upn}) and the roles
 * ({@code groups}) the services check. The services verify them against {@link #writePublicKey(Path) the public key}.
 */
public final class TokenIssuer {

    /** The {@code iss} the services expect unless {@code TOXWATCH_JWT_ISSUER} says otherwise. */
    public static final String ISSUER = "https://toxwatch.local/issuer";

    private static final Duration LIFETIME = Duration.ofHours(12);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String issuer;

    private TokenIssuer(PrivateKey privateKey, PublicKey publicKey, String issuer) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.issuer = issuer;
    }

    /** A fresh 2048-bit key pair. */
    public static TokenIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new TokenIssuer(pair.getPrivate(), pair.getPublic(), ISSUER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The issuer whose private key (PKCS#8 PEM) {@link #writePrivateKey(Path)} wrote, e.g. in another JVM. */
    public static TokenIssuer fromPrivateKeyFile(Path pem) {
        try {
            String base64 = Files.readString(pem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            // Java writes RSA private keys with their CRT parameters, which include the public exponent
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new TokenIssuer(key, publicKey, ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the private key " + pem, e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("not an RSA private key in PKCS#8 PEM: " + pem, e);
        }
    }

    /** The same key, but tokens naming another issuer (a token the services must refuse). */
    public TokenIssuer withIssuer(String otherIssuer) {
        return new TokenIssuer(privateKey, publicKey, otherIssuer);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Writes the public key (X.509 PEM) as {@code TOXWATCH_JWT_PUBLIC_KEY} takes it; returns the file. */
    public Path writePublicKey(Path file) {
        return write(file, pem("PUBLIC KEY", publicKey.getEncoded()));
    }

    /** Writes the private key (PKCS#8 PEM) for {@link #fromPrivateKeyFile(Path)}; returns the file. */
    public Path writePrivateKey(Path file) {
        return write(file, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    /** A token for {@code upn} carrying {@code groups} as its roles, valid for 12 hours. */
    public String token(String upn, String... groups) {
        return sign(upn, List.of(groups), LIFETIME);
    }

    /** The same, as an {@code Authorization} header value. */
    public String bearer(String upn, String... groups) {
        return "Bearer " + token(upn, groups);
    }

    /** A token that expired {@code ago}, to show expiry is checked. */
    public String expiredToken(Duration ago, String upn, String... groups) {
        return sign(upn, List.of(groups), ago.negated());
    }

    private String sign(String upn, List<String> groups, Duration lifetime) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject(upn);
            claims.setClaim("upn", upn);
            claims.setStringListClaim("groups", groups);
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
            claims.setJwtId(UUID.randomUUID().toString());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static Path write(Path file, String pem) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
