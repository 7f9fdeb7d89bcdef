-- One trace from the webhook to the consumer's write: the intake's trace context is kept with the event (envelopes
-- carry theirs in their JSON), and every log row names its trace.
alter table inbound_event add column traceparent varchar(55);
alter table sync_log add column trace_id char(32);
create index sync_log_trace on sync_log (trace_id) where trace_id is not null;
