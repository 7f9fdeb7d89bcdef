package dev.sitesync.ownership.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.sitesync.ownership.domain.PolicyReader;

/** One {@link PolicyReader} for the service: it compiles the policy schema once. */
public class PolicyReaderProducer {

    @Produces
    @Singleton
    PolicyReader policyReader() {
        return new PolicyReader();
    }
}
