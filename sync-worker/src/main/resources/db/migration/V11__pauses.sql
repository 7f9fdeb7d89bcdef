-- Operators pause a site (doctype null: all of it) or one doctype on it. While a pause holds, nothing of its scope
-- moves through this worker: its own site's capture and applying stop, deliveries to (or from) the paused site wait,
-- and every checkpoint, event, outbox row and apply task stays where it is, so resuming catches up in order.
-- One row per scope in force; pausing and resuming are kept in the sync log (PAUSED, RESUMED) with who and why.
create table sync_pause (
    id         bigserial     primary key,
    site       varchar(40)   not null,
    doctype    varchar(140),
    reason     varchar(1000) not null,
    paused_by  varchar(200)  not null,
    paused_at  timestamptz   not null default now()
);

create unique index sync_pause_scope on sync_pause (site, coalesce(doctype, ''));
