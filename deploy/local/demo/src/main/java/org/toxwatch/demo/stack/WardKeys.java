package org.toxwatch.demo.stack;

import java.nio.file.Path;

import org.toxwatch.testsupport.security.TokenIssuer;

/**
 * The identity provider of the local stack: a signing key pair made when the stack starts (never committed, never
 * reused) and the bearer tokens signed with it. Every service verifies them against the public key file this writes
 * ({@code TOXWATCH_JWT_PUBLIC_KEY}).
 */
public final class WardKeys {

    public static final String ISSUER = TokenIssuer.ISSUER;

    /** The hospital's order system, which sends treatment courses (role integration). */
    public static final String ORDER_SYSTEM = "order-system";

    private final TokenIssuer issuer;
    private final Path publicKeyFile;

    private WardKeys(TokenIssuer issuer, Path publicKeyFile) {
        this.issuer = issuer;
        this.publicKeyFile = publicKeyFile;
    }

    public static WardKeys generate(Path directory) {
        TokenIssuer issuer = TokenIssuer.generate();
        return new WardKeys(issuer, issuer.writePublicKey(directory.resolve("ward-jwt-public-key.pem")));
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * A token for {@code user} in {@code role} (nurse, oncologist, pharmacist, viewer; patient with the patient's id
     * as user; integration for a system feed), valid for 12 hours.
     */
    public String token(String user, String role) {
        return issuer.token(user, role);
    }

    /** The same as an {@code Authorization} header value. */
    public String bearer(String user, String role) {
        return "Bearer " + token(user, role);
    }

    /** What the order system sends courses with. */
    public String orderSystem() {
        return bearer(ORDER_SYSTEM, "integration");
    }
}
