package dev.sitesync.testsupport.oidc;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Builds a signed access token, valid unless a test changes one of its claims. */
public final class TokenBuilder {

    private String issuerUrl;
    private String subject = "test-user";
    private String audience = TestIssuer.AUDIENCE;
    private Set<String> roles = Set.of();
    private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
    private String keyId;
    private PrivateKey signingKey;

    TokenBuilder(TestIssuer issuer) {
        this.issuerUrl = issuer.url();
        this.keyId = issuer.keyId();
        this.signingKey = issuer.keys().getPrivate();
    }

    public TokenBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TokenBuilder roles(String... roles) {
        this.roles = Set.of(roles);
        return this;
    }

    public TokenBuilder audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TokenBuilder issuer(String issuerUrl) {
        this.issuerUrl = issuerUrl;
        return this;
    }

    public TokenBuilder expiresIn(Duration lifetime) {
        this.expiresAt = Instant.now().plus(lifetime);
        return this;
    }

    public TokenBuilder expiredSince(Duration ago) {
        this.expiresAt = Instant.now().minus(ago);
        return this;
    }

    public TokenBuilder keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    /** Signs with another key, under this issuer's name: a forged token. */
    public TokenBuilder signedWith(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    public String sign() {
        JwtClaimsBuilder claims = Jwt.issuer(issuerUrl).subject(subject).audience(audience).groups(roles)
                .issuedAt(Instant.now().minusSeconds(5)).expiresAt(expiresAt);
        return claims.jws().keyId(keyId).algorithm(SignatureAlgorithm.RS256).sign(signingKey);
    }
}
