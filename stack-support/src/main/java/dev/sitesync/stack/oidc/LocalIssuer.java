package dev.sitesync.stack.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OpenID Connect issuer on loopback: discovery document, JWKS, and a client-credentials token endpoint. Its
 * RS256 tokens are verified by the real quarkus-oidc code path (issuer, audience, expiry, signature via JWKS). The
 * JWKS can be taken down to test that callers fail closed.
 */
public final class LocalIssuer implements AutoCloseable {

    public static final String AUDIENCE = "sitesync";

    private static LocalIssuer shared;

    private final HttpServer server;
    private final KeyPair keys;
    private final String keyId = "test-key-1";
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private volatile boolean jwksAvailable = true;

    private record Client(String secret, Set<String> roles) {
    }

    private LocalIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", this::jwks);
        server.createContext("/token", this::token);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The issuer of this JVM, started on first use. */
    public static synchronized LocalIssuer shared() {
        if (shared == null) {
            shared = new LocalIssuer();
        }
        return shared;
    }

    /** Starts an issuer of its own (its own keys), for tests of tokens from a foreign issuer. */
    public static LocalIssuer startSeparate() {
        return new LocalIssuer();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String keyId() {
        return keyId;
    }

    public KeyPair keys() {
        return keys;
    }

    /** A valid access token for the subject with the given roles, for one hour. */
    public String token(String subject, String... roles) {
        return tokens().subject(subject).roles(roles).sign();
    }

    /** A token builder preset to valid values, to vary one claim at a time. */
    public TokenBuilder tokens() {
        return new TokenBuilder(this);
    }

    /** A client for the client-credentials grant, as services use to call each other. */
    public void registerClient(String clientId, String secret, String... roles) {
        clients.put(clientId, new Client(secret, Set.copyOf(Arrays.asList(roles))));
    }

    /** Makes the JWKS endpoint answer 503 (false) or serve the keys again (true). */
    public void jwksAvailable(boolean available) {
        this.jwksAvailable = available;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String base = url();
        respond(exchange, 200, """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks","token_endpoint":"%1$s/token",
                 "id_token_signing_alg_values_supported":["RS256"],"response_types_supported":["code"],
                 "subject_types_supported":["public"],"grant_types_supported":["client_credentials"]}"""
                .formatted(base));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        if (!jwksAvailable) {
            respond(exchange, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        jwk.setKeyId(keyId);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        respond(exchange, 200, new JsonWebKeySet(jwk).toJson());
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange.getRequestBody());
        basicCredentials(exchange.getRequestHeaders().getFirst("Authorization")).ifPresent(form::putAll);
        Client client = clients.get(form.get("client_id"));
        if (!"client_credentials".equals(form.get("grant_type")) || client == null
                || !client.secret().equals(form.get("client_secret"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Duration lifetime = Duration.ofMinutes(5);
        String token = tokens().subject(form.get("client_id")).roles(client.roles().toArray(String[]::new))
                .expiresIn(lifetime).sign();
        respond(exchange, 200, "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}"
                .formatted(token, lifetime.toSeconds()));
    }

    /** client_secret_basic: the client's ID and secret in an Authorization: Basic header, URL-encoded (RFC 6749 2.3.1). */
    private static Optional<Map<String, String>> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        String[] parts = decoded.split(":", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        return Optional.of(Map.of("client_id", URLDecoder.decode(parts[0], StandardCharsets.UTF_8), "client_secret",
                URLDecoder.decode(parts[1], StandardCharsets.UTF_8)));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
