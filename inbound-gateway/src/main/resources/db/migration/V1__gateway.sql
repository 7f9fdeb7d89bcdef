-- Webhooks already taken, to recognise replays: Frappe's signature has no timestamp, so a captured webhook verifies
-- forever. A row lives for the replay window; expired rows are deleted by the gateway and may be taken over before.
create table webhook_replay (
    site        text        not null,
    doctype     text        not null,
    name        text        not null,
    modified    text        not null,
    body_sha256 char(64)    not null,
    seen_at     timestamptz not null default now(),
    expires_at  timestamptz not null,
    primary key (site, doctype, name, modified, body_sha256)
);
create index webhook_replay_expiry on webhook_replay (expires_at);

-- Token buckets shared by every gateway replica (Bucket4j's PostgreSQL layout; state is Bucket4j's own encoding).
-- id is 'client:<client id>', 'site:<site code>' or 'provider:<name>'; expires_at is epoch milliseconds.
create table rate_limit_bucket (
    id         varchar(200) primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_bucket_expiry on rate_limit_bucket (expires_at);
