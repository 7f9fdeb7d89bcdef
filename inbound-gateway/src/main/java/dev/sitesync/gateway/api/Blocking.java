package dev.sitesync.gateway.api;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Runs the gateway's JDBC work (rate limits, replay records) on a worker thread, answering on the event loop. */
@ApplicationScoped
public class Blocking {

    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    <T> Uni<T> call(Callable<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), false);
    }
}
