-- Anti-entropy (ARCHITECTURE §4 step 10): per owner site and doctype this site receives, the owner's documents against
-- the copies this site really holds, by external ID and content. A reconciliation is kept with its counts and each
-- difference it found (missing, stale, extra, duplicated); repair asks the owner to send a missing or stale document
-- again, through the normal pipeline, and the finding records that it was asked for.
create table reconciliation (
    id             bigserial     primary key,
    source_site    varchar(32)   not null,
    doctype        varchar(140)  not null,
    name_prefix    varchar(140)  not null default '',
    cause          varchar(20)   not null check (cause in ('schedule', 'operator', 'full-sync')),
    requested_by   varchar(200),
    status         varchar(10)   not null default 'RUNNING' check (status in ('RUNNING', 'DONE', 'FAILED')),
    started_at     timestamptz   not null default now(),
    updated_at     timestamptz   not null default now(),
    finished_at    timestamptz,
    compared       int           not null default 0,
    in_sync        int           not null default 0,
    missing        int           not null default 0,
    stale          int           not null default 0,
    extra          int           not null default 0,
    duplicated     int           not null default 0,
    withheld       int           not null default 0,
    error          text
);
-- one run at a time per scope; a run whose worker died is taken as abandoned once it stops moving
create unique index reconciliation_running on reconciliation (source_site, doctype, name_prefix) where status = 'RUNNING';
create index reconciliation_latest on reconciliation (source_site, doctype, id);

create table reconciliation_finding (
    id                bigserial    primary key,
    reconciliation_id bigint       not null references reconciliation (id),
    kind              varchar(12)  not null check (kind in ('MISSING', 'STALE', 'EXTRA', 'DUPLICATED')),
    external_id       uuid         not null,
    source_name       varchar(140),
    local_names       varchar(1000),
    source_version    varchar(26),
    source_hash       char(64),
    detail            text         not null,
    repair_requested_at timestamptz,
    repair_requested_by varchar(200)
);
create index reconciliation_finding_run on reconciliation_finding (reconciliation_id, id);

-- The external IDs a running reconciliation was shown by the owner: copies here that are not among them are extra.
-- Emptied when the run ends.
create table reconciliation_seen (
    reconciliation_id bigint not null references reconciliation (id),
    external_id       uuid   not null,
    primary key (reconciliation_id, external_id)
);

-- A repair this worker asked the owner for: the owner's envelope is applied again even though the inbox holds it.
alter table doc_state add column repair_requested_at timestamptz;
