-- The sync log kept forever and still usable: one partition per month (UTC), closed months sealed as read-only
-- archives, never dropped. The existing rows move as they are (same ids, same hashes), so the chain verifies as before.

-- Where each row was filed: the database's clock when it was appended, never earlier than the row before it, so ids
-- grow month after month (a row's own `at` is its step's time, set by the worker and not monotonic across replicas).
-- Not covered by the hash; verification checks it only grows.
alter table sync_log rename to sync_log_unpartitioned;
alter index sync_log_pkey rename to sync_log_unpartitioned_pkey;
alter index sync_log_document rename to sync_log_unpartitioned_document;
alter index sync_log_trace rename to sync_log_unpartitioned_trace;

create table sync_log (
    id           bigint       not null default nextval('sync_log_id_seq'),
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
    row_hash     char(64)     not null,
    trace_id     char(32),
    logged_at    timestamptz  not null,
    primary key (id, logged_at)
) partition by range (logged_at);
alter sequence sync_log_id_seq owned by sync_log.id;

create index sync_log_document on sync_log (doctype, local_name);
create index sync_log_trace on sync_log (trace_id) where trace_id is not null;
-- what auditors search by, newest first
create index sync_log_external_id on sync_log (external_id, id) where external_id is not null;
create index sync_log_status on sync_log (status, id);
create index sync_log_at on sync_log (at);

create trigger sync_log_append_only before update or delete on sync_log
    for each row execute function refuse_change();
create trigger sync_log_no_truncate before truncate on sync_log
    for each statement execute function refuse_change();

-- The month's partition, made if missing (a TRUNCATE of a partition itself fires only its own triggers).
create function sync_log_partition(month date) returns text language plpgsql as $$
declare
    first date := date_trunc('month', month)::date;
    part  text := format('sync_log_y%sm%s', to_char(first, 'YYYY'), to_char(first, 'MM'));
begin
    if to_regclass(part) is null then
        execute format('create table %I partition of sync_log for values from (%L) to (%L)', part,
                       first::timestamp at time zone 'UTC', (first + interval '1 month')::timestamp at time zone 'UTC');
        execute format('create trigger %I before truncate on %I for each statement execute function refuse_change()',
                       part || '_no_truncate', part);
    end if;
    return part;
end;
$$;

-- Sealed months: what each held when it was closed. Rows are never changed or removed.
create table sync_log_archive (
    month      date        primary key,
    partition  varchar(63) not null unique,
    row_count  bigint      not null,
    first_id   bigint,
    last_id    bigint,
    last_hash  char(64),
    sealed_at  timestamptz not null default now()
);
create trigger sync_log_archive_append_only before update or delete on sync_log_archive
    for each row execute function refuse_change();
create trigger sync_log_archive_no_truncate before truncate on sync_log_archive
    for each statement execute function refuse_change();

create function refuse_archived_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: an archived month of the sync log is read-only forever', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation',
              hint = 'Archived months are kept as they were sealed; nothing may be written to them.';
end;
$$;

-- Seals a closed month: a trigger refuses every write (also through the parent), and no role, the owner included,
-- keeps the privilege to write to it directly. Idempotent. The caller holds the chain's lock, so no append is running.
create function sync_log_seal(month date) returns void language plpgsql as $$
declare
    first   date := date_trunc('month', month)::date;
    part    text := format('sync_log_y%sm%s', to_char(first, 'YYYY'), to_char(first, 'MM'));
    counted bigint;
    lowest  bigint;
    highest bigint;
    head    char(64);
begin
    if to_regclass(part) is null or exists (select 1 from sync_log_archive a where a.month = first) then
        return;
    end if;
    execute format('select count(*), min(id), max(id) from %I', part) into counted, lowest, highest;
    if highest is not null then
        execute format('select row_hash from %I where id = $1', part) into head using highest;
    end if;
    execute format('create trigger %I before insert or update or delete on %I for each row '
                   'execute function refuse_archived_change()', part || '_archived', part);
    execute format('revoke insert, update, delete, truncate on %I from public, %I', part, current_user);
    insert into sync_log_archive (month, partition, row_count, first_id, last_id, last_hash)
    values (first, part, counted, lowest, highest, head);
end;
$$;

-- Partitions for every month the existing rows fall in, and the months ahead.
do $$
declare
    month date;
begin
    for month in
        select distinct date_trunc('month', filed at time zone 'UTC')::date
          from (select max(at) over (order by id) as filed from sync_log_unpartitioned) logged
    loop
        perform sync_log_partition(month);
    end loop;
    for ahead in 0..3 loop
        perform sync_log_partition((date_trunc('month', now() at time zone 'UTC') + make_interval(months => ahead))::date);
    end loop;
end;
$$;

insert into sync_log (id, at, external_id, source_site, target_site, doctype, local_name, version, payload_hash,
                      status, attempt, detail, prev_hash, row_hash, trace_id, logged_at)
select id, at, external_id, source_site, target_site, doctype, local_name, version, payload_hash, status, attempt,
       detail, prev_hash, row_hash, trace_id, max(at) over (order by id)
  from sync_log_unpartitioned;

-- The move is checked whole before the old table goes: every row, every field.
do $$
begin
    if exists (
        (select id, at, external_id, source_site, target_site, doctype, local_name, version, payload_hash, status,
                attempt, detail, prev_hash, row_hash, trace_id from sync_log_unpartitioned
         except all
         select id, at, external_id, source_site, target_site, doctype, local_name, version, payload_hash, status,
                attempt, detail, prev_hash, row_hash, trace_id from sync_log)
        union all
        (select id, at, external_id, source_site, target_site, doctype, local_name, version, payload_hash, status,
                attempt, detail, prev_hash, row_hash, trace_id from sync_log
         except all
         select id, at, external_id, source_site, target_site, doctype, local_name, version, payload_hash, status,
                attempt, detail, prev_hash, row_hash, trace_id from sync_log_unpartitioned)) then
        raise exception 'sync_log did not move intact into its monthly partitions; nothing was changed';
    end if;
end;
$$;

drop table sync_log_unpartitioned;
