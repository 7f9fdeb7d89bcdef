-- Outages are waited out, not counted: a circuit per target the worker calls (its site, each peer's worker), shared by
-- replicas and kept across restarts; retries bounded by age, counted from a document's first failure.
create table circuit (
    target        varchar(100) primary key,
    state         varchar(10)  not null default 'CLOSED',
    window_start  timestamptz  not null default now(),
    calls         int          not null default 0,
    failures      int          not null default 0,
    opened_at     timestamptz,
    next_probe_at timestamptz,
    openings      int          not null default 0,
    reason        varchar(20),
    last_error    text,
    probe_owner   varchar(100),
    updated_at    timestamptz  not null default now()
);

alter table apply_task add column first_failed_at timestamptz;
alter table apply_task add column waiting_since timestamptz;
alter table outbox add column first_failed_at timestamptz;
-- which replica claimed a delivery: only it records the outcome
alter table outbox add column claim_owner varchar(100);

-- A source's versions are ordered by its capture sequence where modified cannot be (DST, late commits).
alter table doc_state add column applied_source varchar(32);
alter table doc_state add column applied_sequence bigint;
alter table doc_state add column applied_changed_at timestamptz;
-- the local name identity-service knows for the document: links are published apart from the write
alter table doc_state add column linked_name varchar(140);
create index doc_state_unlinked on doc_state (updated_at) where local_name is not null
    and (linked_name is null or linked_name <> local_name);

-- Operators filter dead letters and parked deliveries by reason and time.
create index dead_letter_reason on dead_letter (reason, created_at) where resolved_at is null;
create index outbox_parked on outbox (consumer, doctype, id) where status = 'PARKED';
