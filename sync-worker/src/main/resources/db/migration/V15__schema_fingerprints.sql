-- Schema drift (ARCHITECTURE §4 steps 6 and 10): the fields of each synchronized doctype as this site had them when
-- they were last known compatible (the baseline), and whether the site's current DocType meta still takes what
-- SiteSync sends. A doctype in MISMATCH is not applied here; its envelopes wait in the inbox until it is resolved.
create table schema_state (
    doctype        varchar(140) primary key,
    baseline       jsonb        not null,
    baseline_hash  char(64)     not null,
    current_hash   char(64)     not null,
    status         varchar(20)  not null check (status in ('COMPATIBLE', 'MISMATCH')),
    differences    jsonb        not null default '[]'::jsonb,
    checked_at     timestamptz  not null default now(),
    mismatch_since timestamptz,
    updated_at     timestamptz  not null default now()
);
create index schema_state_mismatch on schema_state (doctype) where status = 'MISMATCH';

-- Every change of a doctype's meta seen on this site, compatible or not, and every operator's decision: kept, never
-- updated, so an auditor can tell when the site's schema moved and who let synchronization go on.
create table schema_change (
    id          bigserial    primary key,
    doctype     varchar(140) not null,
    at          timestamptz  not null default now(),
    from_hash   char(64),
    to_hash     char(64)     not null,
    compatible  boolean      not null,
    differences jsonb        not null,
    cause       varchar(20)  not null check (cause in ('onboarding', 'schedule', 'operator')),
    actor       varchar(200),
    reason      text
);
create index schema_change_doctype on schema_change (doctype, id);
