-- An order held for a person to decide: a REVIEW verdict when it was created, or a paid order whose stock was
-- promised to others before it could be submitted. rules: the rules behind the hold.
create table order_hold (
    decision_id  uuid          primary key references decision (decision_id),
    site         varchar(32)   not null,
    sales_order  varchar(140)  not null,
    reason       varchar(16)   not null,
    rules        jsonb         not null,
    held_at      timestamptz   not null default now()
);
create index order_hold_site_held on order_hold (site, held_at);

-- What a person decided about a held order, with who and why: once, and never changed (a decision is evidence).
create table review_decision (
    decision_id    uuid          primary key references order_hold (decision_id),
    outcome        varchar(16)   not null,
    reviewer       varchar(255)  not null,
    comment        text          not null,
    submitted      boolean       not null,
    payment_entry  varchar(140),
    decided_at     timestamptz   not null default now()
);
create trigger review_decision_immutable before update or delete on review_decision
    for each row execute function refuse_change();
