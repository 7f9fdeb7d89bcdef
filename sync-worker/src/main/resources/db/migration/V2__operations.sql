-- What operators and metrics read: when each change happened, and who resolved what.

-- The source's change time (its modified as an instant); lag and change-to-applied latency count from it.
-- Rows from before this column, or envelopes from senders without it, fall back to when they were queued or received.
alter table outbox add column changed_at timestamptz;
alter table inbox add column changed_at timestamptz;

-- Open deliveries per consumer and doctype (pending or parked), and every (consumer, doctype) pair for the status view.
create index outbox_open on outbox (consumer, doctype) where status in ('PENDING', 'PARKED');
create index outbox_route on outbox (consumer, doctype);

-- Dead letters an operator has not retried or discarded yet.
create index dead_letter_open on dead_letter (doctype, id) where resolved_at is null;
alter table dead_letter add column resolved_by varchar(200);
alter table dead_letter add column resolution_reason text;
