package dev.sitesync.guard.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * What the caller says about the order beyond the order itself.
 *
 * @param company the company the caller acts for; when given, the order must be for it
 * @param channel where the order came from (web, app, marketplace...), recorded with the decision
 * @param payment a payment confirmed before the order was placed, for an order that asks to be submitted at once
 */
public record OrderContext(@Size(max = 140) String company, @Size(max = 64) String channel,
        @Valid PaymentReference payment) {

    public static final OrderContext NONE = new OrderContext(null, null, null);
}
