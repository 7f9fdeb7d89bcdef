package dev.sitesync.guard.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.sitesync.guard.api.PaymentCallback;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.SalesOrder;
import dev.sitesync.guard.domain.TaxRow;
import dev.sitesync.guard.service.PaymentOutcome;
import dev.sitesync.guard.service.PaymentResult;

/**
 * Records the guard maps with its own ObjectMapper (a callback's raw body is read after its signature is checked; a
 * site's Sales Order; a stored payment result), outside any REST signature, so a native image keeps them for Jackson.
 */
@RegisterForReflection(targets = {PaymentCallback.class, PaymentResult.class, PaymentOutcome.class, SalesOrder.class,
        OrderItem.class, TaxRow.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
