package dev.sitesync.worker.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Who holds a lease: this process, distinct from every other replica even on one host. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }
}
