-- Each consumer's pending envelopes are delivered as one ordered lane, read from its head.
create index outbox_lane on outbox (consumer, id) where status = 'PENDING';
