-- Backup channels per scope (issue 17, failover): each routing table names, beside its weights, the
-- ordered list of channels a payment tries when the channel it was routed to cannot take it.
-- Tables written before this have none.

alter table routing_tables add column backups jsonb not null default '[]'::jsonb;
