package org.toxwatch.dashboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Signs bearer tokens the way the ward's identity provider would: RS256, our issuer, upn and groups. */
public final class Tokens {

    public static final String ISSUER = "https://toxwatch.local/issuer";

    private final PrivateKey key;

    private Tokens(PrivateKey key) {
        this.key = key;
    }

    public static Tokens fromFile(String privateKeyPem) {
        try {
            String pem = Files.readString(Path.of(privateKeyPem), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return new Tokens(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Tokens of(PrivateKey key) {
        return new Tokens(key);
    }

    public String token(String upn, String... groups) {
        return Jwt.issuer(ISSUER).upn(upn).groups(Set.of(groups)).expiresIn(3600).sign(key);
    }

    public String bearer(String upn, String... groups) {
        return "Bearer " + token(upn, groups);
    }
}
