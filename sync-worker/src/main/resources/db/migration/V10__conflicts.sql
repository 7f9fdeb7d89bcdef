-- Conflicts are their own record, not dead letters: the owner's version and the consumer's copy side by side, with
-- the fields that differ, who changed the copy and when; one open conflict per document, resolved by an operator.
create table conflict (
    id                 bigserial    primary key,
    task_id            bigint       references apply_task (id),
    external_id        uuid         not null,
    doctype            varchar(140) not null,
    source_site        varchar(32)  not null,
    source_name        varchar(140),
    local_name         varchar(140),
    source_version     varchar(26)  not null,
    source_hash        char(64)     not null,
    source_changed_at  timestamptz,
    source_document    jsonb        not null,
    target_hash        char(64)     not null,
    target_modified    varchar(26),
    target_modified_by varchar(140),
    target_document    jsonb        not null,
    differences        jsonb        not null,
    detected_by        varchar(20)  not null,
    status             varchar(20)  not null default 'OPEN',
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    resolved_at        timestamptz,
    resolved_by        varchar(200),
    resolution_reason  text
);
create unique index conflict_open_document on conflict (external_id) where status = 'OPEN';
create index conflict_open on conflict (doctype, id) where status = 'OPEN';
