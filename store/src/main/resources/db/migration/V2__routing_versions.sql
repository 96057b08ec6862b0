-- Routing for channel migrations (issue: channel migration as a durable workflow).
--
-- Versions become global: one sequence over every scope, so a payment's routing_version names exactly one
-- table, and "the newest version" is comparable across scopes. The channel being ramped up is recorded with
-- the table, because the walk over buckets starts with it (sticky buckets, see DESIGN.md "Routing").
-- Every new table is announced on the channel 'routing_changed' in its own transaction, so that whoever
-- caches tables (the starter, the worker) reloads when, and only when, something changed.

create sequence routing_version_seq;
select setval('routing_version_seq', coalesce((select max(version) from routing_tables), 0) + 1, false);

alter table routing_tables alter column version set default nextval('routing_version_seq');
alter table routing_tables add column ramping_channel text;
alter table routing_tables add column reason text;
create unique index routing_tables_version on routing_tables (version);

create function routing_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('routing_changed', new.scope || ':' || new.version);
  return new;
end
$$;

create trigger routing_tables_notify after insert on routing_tables
  for each row execute function routing_changed();
