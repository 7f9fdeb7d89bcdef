-- One audit of a site at a time, across replicas: the run holding the lease audits. A scheduled run also records its
-- slot (the cron's fire time), and a slot is audited once: a replica whose timer fires later for the same slot skips.
create table audit_lease (
    site          varchar(32)  primary key,
    run_id        uuid         not null,
    leased_until  timestamptz  not null,
    last_slot     timestamptz
);
alter table audit_run add column slot timestamptz;
create unique index audit_run_slot on audit_run (site, slot) where slot is not null;

-- A finding keeps the evidence it was first found with; each later sighting is added, the latest also on the finding.
alter table finding add column last_evidence jsonb;
create table finding_sighting (
    id          bigserial    primary key,
    finding_id  bigint       not null references finding (id),
    seen_at     timestamptz  not null default now(),
    evidence    jsonb        not null
);
create index finding_sighting_finding on finding_sighting (finding_id, id);
create index finding_sighting_seen on finding_sighting (seen_at);
