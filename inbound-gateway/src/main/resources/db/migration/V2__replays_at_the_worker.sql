-- Replays are recognised by each site worker's durable intake (one inbound event per site, doctype, name, modified
-- and body hash), which every gateway replica forwards to: the gateway's own record of webhooks taken is gone, and
-- with it a database write per webhook.
drop table webhook_replay;
