-- Every order decision, with the rule set that made it. Append-only: a decision is evidence.
create table decision (
    decision_id      uuid          primary key,
    site             varchar(32)   not null,
    caller           varchar(255)  not null,
    channel          varchar(64),
    order_hash       char(64)      not null,
    customer         varchar(140)  not null,
    company          varchar(140)  not null,
    currency         char(3),
    grand_total      numeric(21, 9) not null,
    item_count       integer       not null,
    verdict          varchar(8)    not null,
    shadow_verdict   varchar(8)    not null,
    ruleset_version  varchar(64)   not null,
    findings         jsonb         not null,
    created_at       timestamptz   not null default now()
);
create index decision_site_created on decision (site, created_at);

-- The Sales Order a decision led to on the site: written once, when the site has it.
create table decision_order (
    decision_id  uuid          primary key references decision (decision_id),
    site         varchar(32)   not null,
    sales_order  varchar(140)  not null,
    submitted    boolean       not null,
    created_at   timestamptz   not null default now(),
    unique (site, sales_order)
);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: decisions are evidence and never change', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation';
end;
$$;
create trigger decision_immutable before update or delete on decision
    for each row execute function refuse_change();

-- Payment callbacks. The first insert of an event (and, for confirmations, of a transaction) wins; duplicates read its
-- result. state: processing (claimed by one request), done (result final).
create table payment_event (
    provider        varchar(64)    not null,
    event_id        varchar(255)   not null,
    event_type      varchar(64)    not null,
    transaction_id  varchar(255)   not null,
    amount          numeric(21, 9) not null,
    currency        char(3)        not null,
    site            varchar(32),
    sales_order     varchar(140),
    -- the decision of the order a payment made before its order was used for; a payment pays one order only
    decision_id     uuid unique references decision (decision_id),
    state           varchar(16)    not null,
    outcome         varchar(32),
    result          jsonb,
    received_at     timestamptz    not null default now(),
    claimed_at      timestamptz    not null default now(),
    completed_at    timestamptz,
    primary key (provider, event_id)
);
create unique index payment_event_transaction on payment_event (provider, transaction_id)
    where event_type = 'payment.succeeded';

-- Findings of audits and payments, one row per (site, rule, subject): a finding seen again is counted, not repeated.
create table finding (
    id             bigserial     primary key,
    site           varchar(32)   not null,
    source         varchar(16)   not null,
    rule           varchar(64)   not null,
    subject        varchar(400)  not null,
    sentiment      varchar(16)   not null,
    severity       varchar(8)    not null,
    message        text          not null,
    evidence       jsonb         not null,
    first_seen_at  timestamptz   not null default now(),
    last_seen_at   timestamptz   not null default now(),
    times_seen     integer       not null default 1,
    unique (site, rule, subject)
);
create index finding_site_rule on finding (site, rule, id);

-- What each audit run checked, found or could not check.
create table audit_run (
    run_id       uuid         primary key,
    site         varchar(32)  not null,
    trigger      varchar(16)  not null,
    started_at   timestamptz  not null,
    finished_at  timestamptz  not null,
    checks       jsonb        not null
);
create index audit_run_site on audit_run (site, started_at);
