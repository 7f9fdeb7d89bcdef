-- Sync log heads anchored by each site's worker: kept here, outside the worker's own database, so a rewrite of a
-- worker's whole log (every hash recomputed) no longer matches what was anchored. Never changed or removed.
create table audit_anchor (
    site        varchar(32)  not null,
    last_id     bigint       not null check (last_id > 0),
    last_hash   char(64)     not null check (last_hash ~ '^[0-9a-f]{64}$'),
    -- the month this entry closes, when it is the last of a partition sealed as an archive
    partition   varchar(63),
    anchored_by varchar(200) not null,
    anchored_at timestamptz  not null default now(),
    primary key (site, last_id)
);

create function refuse_anchor_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: anchored sync log heads are kept as they were recorded', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation',
              hint = 'A worker anchors its newer head with POST /api/v1/sites/{code}/audit-anchors.';
end;
$$;

create trigger audit_anchor_append_only before update or delete on audit_anchor
    for each row execute function refuse_anchor_change();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
    for each statement execute function refuse_anchor_change();

-- Anchored entries a worker lost for good, as a sync admin acknowledged it: its database was restored from a backup
-- taken after entry after_id, so the entries anchored after it, up to through_id, are gone. The anchors stay as they
-- were; verification no longer expects those entries, and the chain goes on from after_id. Never changed or removed.
create table audit_chain_loss (
    site            varchar(32)  not null,
    after_id        bigint       not null check (after_id >= 0),
    through_id      bigint       not null,
    reason          text         not null check (length(trim(reason)) > 0),
    acknowledged_by varchar(200) not null,
    acknowledged_at timestamptz  not null default now(),
    primary key (site, through_id),
    check (through_id > after_id)
);

create trigger audit_chain_loss_append_only before update or delete on audit_chain_loss
    for each row execute function refuse_anchor_change();
create trigger audit_chain_loss_no_truncate before truncate on audit_chain_loss
    for each statement execute function refuse_anchor_change();
