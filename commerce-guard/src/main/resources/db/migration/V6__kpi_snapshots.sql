-- A site's KPIs over a period of days (dates on the site), computed once by one replica and kept. computed_at is null
-- while a replica computes it; figures are the KPIs as the API serves them.
create table kpi_snapshot (
    site          varchar(32)  not null,
    period_from   date         not null,
    period_to     date         not null,
    claimed_at    timestamptz  not null default now(),
    computed_at   timestamptz,
    figures       jsonb,
    primary key (site, period_from, period_to)
);
