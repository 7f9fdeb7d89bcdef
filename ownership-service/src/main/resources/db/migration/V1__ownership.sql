-- Policy revisions: the whole policy document as applied, one row per change, never updated or deleted.

create table policy_revision (
    -- the primary key decides concurrent updates: both propose current + 1, exactly one insert wins
    version       integer      primary key check (version > 0),
    author        varchar(200) not null,
    reason        text         not null check (length(trim(reason)) > 0),
    document      text         not null,
    diff          jsonb        not null,
    -- sha-256 of the policy file when the revision was loaded from it, so an unchanged file is not applied again
    file_sha256   char(64),
    created_at    timestamptz  not null default now()
);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: policy revisions are immutable', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation',
              hint = 'Change the policy with PUT /api/v1/policy: it appends a new revision.';
end;
$$;

create trigger policy_revision_immutable before update or delete on policy_revision
    for each row execute function refuse_change();
create trigger policy_revision_no_truncate before truncate on policy_revision
    for each statement execute function refuse_change();

-- What a site reported when it was (re)onboarded: versions and DocType meta. The latest report counts.
create sequence site_onboarding_generation;

create table site_onboarding (
    site         varchar(32)  primary key,
    versions     jsonb        not null,
    doctypes     jsonb        not null,
    recorded_by  varchar(200) not null,
    recorded_at  timestamptz  not null default now(),
    -- rises with every report, so decision caches keyed by it see re-onboarding
    generation   bigint       not null default nextval('site_onboarding_generation')
);
