-- A claim on a payment event is fenced: every change of a claimed row names the claim's token, so a request whose
-- claim was taken over cannot finish or release it. A claim released after a failure whose outcome on the site is
-- unknown (a write that timed out may still commit) may be taken over only after retry_after, when a late commit shows.
alter table payment_event add column claim_token uuid;
alter table payment_event add column retry_after timestamptz;

-- A payment made before its order is bound to the site and customer the provider names: it pays that customer's order
-- on that site, nobody else's.
alter table payment_event add column customer varchar(140);
