-- Order creations under an Idempotency-Key, per caller: the first request with a key claims it, every later one with
-- the same key and body gets its answer, one with another body is refused. state: processing (claimed by one
-- request, claim_token fences a takeover), retry (its request failed; the next one resumes it), done (answer final).
create table order_request (
    caller           varchar(255) not null,
    idempotency_key  varchar(255) not null,
    request_sha256   char(64)     not null,
    state            varchar(16)  not null,
    claim_token      uuid         not null,
    claimed_at       timestamptz  not null default now(),
    -- the decision the request led to, once stored: a resumed request looks for the Sales Order it created
    decision_id      uuid,
    status           integer,
    response         text,
    created_at       timestamptz  not null default now(),
    expires_at       timestamptz  not null,
    primary key (caller, idempotency_key)
);
create index order_request_expiry on order_request (expires_at);
