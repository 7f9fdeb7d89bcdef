package dev.sitesync.stack.oidc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Builds a signed access token, valid unless a test changes one of its claims. */
public final class TokenBuilder {

    private String issuerUrl;
    private String subject = "test-user";
    private String audience = LocalIssuer.AUDIENCE;
    private Set<String> roles = Set.of();
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();
    private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
    private String keyId;
    private PrivateKey signingKey;
    private final PublicKey publicKey;

    TokenBuilder(LocalIssuer issuer) {
        this.issuerUrl = issuer.url();
        this.keyId = issuer.keyId();
        this.signingKey = issuer.keys().getPrivate();
        this.publicKey = issuer.keys().getPublic();
    }

    public TokenBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TokenBuilder roles(String... roles) {
        this.roles = Set.of(roles);
        return this;
    }

    /** Any other claim, as an issuer adds it (Keycloak's {@code azp}, for one). */
    public TokenBuilder claim(String name, Object value) {
        extraClaims.put(name, value);
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

    /** The same claims with {@code alg: none} and no signature, which anyone can write. */
    public String unsigned() {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + claimsOf(sign()) + ".";
    }

    /**
     * The same claims signed with HS256, keyed with the issuer's public key in PEM form: the key-confusion forgery a
     * verifier falls for when it lets the token choose the algorithm.
     */
    public String hmacWithPublicKey() {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}") + "."
                + claimsOf(sign());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimsOf(String jws) {
        return jws.split("\\.")[1];
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public String sign() {
        JwtClaimsBuilder claims = Jwt.issuer(issuerUrl).subject(subject).audience(audience).groups(roles)
                .issuedAt(Instant.now().minusSeconds(5)).expiresAt(expiresAt);
        extraClaims.forEach(claims::claim);
        return claims.jws().keyId(keyId).algorithm(SignatureAlgorithm.RS256).sign(signingKey);
    }
}
