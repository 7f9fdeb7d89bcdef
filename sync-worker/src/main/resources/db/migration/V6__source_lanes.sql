-- The source side, part 2: webhook events that back off on their own, fenced capture leases, dead letters of
-- documents that cannot be captured, and the capture sequence every envelope carries.

-- An event whose capture failed is counted and waits before it is tried again: a poisoned one backs off instead of
-- being retried every second, and the events behind it are still taken. Past its maximum age it becomes a dead letter.
alter table inbound_event add column attempts int not null default 0;
alter table inbound_event add column next_attempt_at timestamptz not null default now();
alter table inbound_event add column last_error text;
create index inbound_event_doctype_due on inbound_event (doctype, id) where handled_at is null;

-- A lease's fencing token grows each time the lease is taken; work done under a lease commits only while the lease
-- still carries its token, so a holder that lost its lease cannot write after another took over.
alter table lease add column fence bigint not null default 0;

-- Dead letters of the source side have no apply task: they name the document on this site and its version, open once
-- however often that version is read again (an operator's retry that finds it still broken opens a new one).
alter table dead_letter add column local_name varchar(140);
alter table dead_letter add column version varchar(26);
create unique index dead_letter_capture_key on dead_letter (doctype, local_name, version, reason)
    where task_id is null and resolved_at is null;

-- Strictly increasing over every version this worker captures, of any document; each envelope of a version carries
-- its number, so a consumer orders one source's versions where modified cannot (a DST fall-back hour, a late commit).
create sequence capture_sequence;
