-- How often a document was leased for applying: on its first lease nothing of ours can be on the site yet, so the
-- look-up by external ID (one request per new document) is skipped; the unique external ID field catches the rest.
alter table doc_state add column leases int not null default 0;
