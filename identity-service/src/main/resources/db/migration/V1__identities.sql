-- Global identities and their per-site links. Both are immutable: a link, once made, names that document forever.

create table identity (
    external_id uuid         primary key,
    doctype     varchar(140) not null,
    origin_site varchar(32)  not null,
    origin_name varchar(140) not null,
    created_at  timestamptz  not null default now()
);

create table identity_link (
    -- deferred: a resolve inserts the link first (its unique key decides the race) and the identity in the same statement
    external_id uuid         not null references identity (external_id) deferrable initially deferred,
    site        varchar(32)  not null,
    doctype     varchar(140) not null,
    local_name  varchar(140) not null,
    linked_at   timestamptz  not null default now(),
    primary key (external_id, site),
    constraint identity_link_local_name_key unique (site, doctype, local_name)
);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: identities and links are immutable', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation',
              hint = 'External IDs are assigned once and links never change; relinking is a conflict to resolve at the source.';
end;
$$;

create trigger identity_immutable before update or delete on identity
    for each row execute function refuse_change();
create trigger identity_no_truncate before truncate on identity
    for each statement execute function refuse_change();
create trigger identity_link_immutable before update or delete on identity_link
    for each row execute function refuse_change();
create trigger identity_link_no_truncate before truncate on identity_link
    for each statement execute function refuse_change();

-- REFERENCE_ONLY documents (Sales Order, Quotation, ...): registered with their state, never copied.
create table doc_reference (
    site        varchar(32)   not null,
    doctype     varchar(140)  not null,
    name        varchar(140)  not null,
    external_id uuid          not null unique references identity (external_id),
    status      varchar(140),
    docstatus   smallint,
    grand_total numeric(21, 9),
    currency    char(3),
    modified    timestamp(6)  not null,
    updated_at  timestamptz   not null default now(),
    primary key (site, doctype, name)
);
