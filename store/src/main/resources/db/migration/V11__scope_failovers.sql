-- Failover per scope (issue 17, section 4): a row while a scope's traffic is failed over from its
-- primary channel to a backup by the scope's health workflow (channels-{scope}). Written and deleted
-- in the transaction of the routing table that fails over or back, under the routing advisory lock;
-- a migration's registration reads it under the same lock, so a migration never starts on a scope
-- that is failed over, and a failover is never written while a migration runs on the scope.

create table scope_failovers (
  scope            text primary key,
  from_channel     text        not null,
  to_channel       text        not null,
  routing_version  bigint      not null,
  failed_over_by   text        not null,
  reason           text        not null,
  failed_over_at   timestamptz not null default now()
);
