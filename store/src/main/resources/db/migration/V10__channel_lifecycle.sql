-- Channel lifecycle (issue 17): a channel is ACTIVE (takes new payments), DRAINING (takes none, serves
-- what it holds) or RETIRED (holds nothing). A channel without a row here is ACTIVE. Every change is
-- kept with its reason, who asked and when.

create table channel_states (
    channel     text primary key,
    state       text        not null check (state in ('ACTIVE', 'DRAINING', 'RETIRED')),
    reason      text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null
);

create table channel_state_changes (
    id          bigserial primary key,
    channel     text        not null,
    from_state  text        not null,
    to_state    text        not null check (to_state in ('ACTIVE', 'DRAINING', 'RETIRED')),
    reason      text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null
);

create index channel_state_changes_channel on channel_state_changes (channel, id);

-- A state change is announced where new routing tables are, so every routing cache reloads both.
create function channel_states_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('routing_changed', 'channel:' || new.channel || ':' || new.state);
  return new;
end $$;

create trigger channel_states_notify after insert or update on channel_states
  for each row execute function channel_states_notify();
