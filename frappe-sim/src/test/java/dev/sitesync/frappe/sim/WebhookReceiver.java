package dev.sitesync.frappe.sim;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServer;
import io.vertx.mutiny.core.Vertx;

/** A local HTTP endpoint that records webhook requests (raw body bytes and headers), failing the first N on demand. */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, byte[] body, MultiMap headers) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public WebhookReceiver(Vertx vertx) {
        this.server = vertx.getDelegate().createHttpServer().requestHandler(request -> request.body(body -> {
            received.add(new Received(request.path(), body.result().getBytes(), request.headers()));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            request.response().setStatusCode(status).end(status == 200 ? "ok" : "failed");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public void failNext(int requests) {
        failuresLeft.set(requests);
    }

    /** The next request, or null if none arrives in time. */
    public Received next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
