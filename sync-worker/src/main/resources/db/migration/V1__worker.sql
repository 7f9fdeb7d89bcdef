-- One worker's own database: its site's captured changes going out, other sites' envelopes coming in, and the log.

-- Source side ---------------------------------------------------------------------------------------------------

-- Webhooks the gateway handed over; a hint to read the document, deduplicated by what identifies a replay.
create table inbound_event (
    id          bigserial    primary key,
    site        varchar(32)  not null,
    doctype     varchar(140) not null,
    name        varchar(140) not null,
    modified    varchar(26)  not null,
    body_sha256 char(64)     not null,
    doc_event   varchar(40),
    received_at timestamptz  not null default now(),
    handled_at  timestamptz,
    constraint inbound_event_replay_key unique (site, doctype, name, modified, body_sha256)
);
create index inbound_event_pending on inbound_event (id) where handled_at is null;

-- Keyset position per doctype and capture (poll, full): advanced only past handled documents.
create table checkpoint (
    doctype    varchar(140) not null,
    capture    varchar(10)  not null,
    modified   varchar(26)  not null,
    name       varchar(140) not null,
    complete   boolean      not null default false,
    -- where capture began: the overlap window never reaches back before it (older documents come by full sync)
    floor_modified varchar(26) not null default '',
    floor_name     varchar(140) not null default '',
    updated_at timestamptz  not null default now(),
    primary key (doctype, capture)
);

-- What each consumer last received of each document, so an unchanged document is never sent again.
create table sent_state (
    external_id  uuid        not null,
    consumer     varchar(32) not null,
    version      varchar(26) not null,
    content_hash char(64)    not null,
    sent_at      timestamptz not null default now(),
    primary key (external_id, consumer)
);

-- Envelopes to deliver, one row per consumer, retried until acknowledged.
create table outbox (
    id              bigserial    primary key,
    consumer        varchar(32)  not null,
    external_id     uuid         not null,
    doctype         varchar(140) not null,
    version         varchar(26)  not null,
    content_hash    char(64)     not null,
    envelope        jsonb        not null,
    status          varchar(10)  not null default 'PENDING',
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      text,
    created_at      timestamptz  not null default now(),
    delivered_at    timestamptz
);
create index outbox_due on outbox (next_attempt_at, id) where status = 'PENDING';

-- Target side ---------------------------------------------------------------------------------------------------

create table inbox (
    id           bigserial    primary key,
    external_id  uuid         not null,
    source_site  varchar(32)  not null,
    doctype      varchar(140) not null,
    version      varchar(26)  not null,
    content_hash char(64)     not null,
    envelope     jsonb        not null,
    received_at  timestamptz  not null default now(),
    constraint inbox_envelope_key unique (external_id, version, content_hash)
);

-- Per document: what was applied, and the target's modified after our last write (to detect other writers).
create table doc_state (
    external_id      uuid         primary key,
    doctype          varchar(140) not null,
    local_name       varchar(140),
    applied_version  varchar(26),
    applied_hash     char(64),
    written_modified varchar(26),
    updated_at       timestamptz  not null default now()
);

-- Work queue of inbox envelopes; a document's row in doc_state is locked while one of its tasks is applied.
create table apply_task (
    id              bigserial   primary key,
    inbox_id        bigint      not null references inbox (id),
    external_id     uuid        not null references doc_state (external_id),
    status          varchar(20) not null default 'READY',
    waiting_for     uuid,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    updated_at      timestamptz not null default now()
);
create index apply_task_ready on apply_task (next_attempt_at, id) where status = 'READY';
create index apply_task_waiting on apply_task (waiting_for) where status = 'WAITING';
create index apply_task_document on apply_task (external_id, id);

create table dead_letter (
    id          bigserial    primary key,
    task_id     bigint       references apply_task (id),
    external_id uuid,
    doctype     varchar(140),
    reason      varchar(40)  not null,
    detail      text         not null,
    created_at  timestamptz  not null default now(),
    resolved_at timestamptz,
    resolution  text
);

-- Audit -----------------------------------------------------------------------------------------------------------

-- Every step of every change, append-only and hash-chained: row_hash = sha256(prev_hash | this row's fields).
create table sync_log (
    id           bigserial    primary key,
    at           timestamptz  not null,
    external_id  uuid,
    source_site  varchar(32)  not null,
    target_site  varchar(32),
    doctype      varchar(140) not null,
    local_name   varchar(140),
    version      varchar(26),
    payload_hash char(64),
    status       varchar(40)  not null,
    attempt      int          not null default 0,
    detail       text,
    prev_hash    char(64)     not null,
    row_hash     char(64)     not null
);

create index sync_log_document on sync_log (doctype, local_name);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: the sync log is append-only', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation';
end;
$$;
create trigger sync_log_append_only before update or delete on sync_log
    for each row execute function refuse_change();
create trigger sync_log_no_truncate before truncate on sync_log
    for each statement execute function refuse_change();

-- Short leases instead of long transactions: a capture per doctype, an apply per document, a delivery per row run
-- on one replica at a time, and a crashed replica's lease simply expires.
create table lease (
    name  varchar(200) primary key,
    owner varchar(100) not null,
    until timestamptz  not null
);
alter table doc_state add column lease_until timestamptz;
alter table doc_state add column lease_owner varchar(100);
