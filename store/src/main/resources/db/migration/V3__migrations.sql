-- Channel migrations: what the health gates measure, and one running migration per scope.

-- How each create at the provider went, measured by the worker around the provider call.
alter table payments add column create_latency_ms integer;
alter table payments add column create_outcome text;

-- From the provider's paidAt to our receipt of the callback.
alter table callback_inbox add column delay_ms bigint;
create index callback_inbox_channel_received on callback_inbox (channel, received_at);

-- Callbacks that failed verification (forged, stale, replayed, wrong merchant): a health signal per channel.
create table callback_rejections (
    id          bigserial primary key,
    channel     text        not null,
    reason      text        not null,
    received_at timestamptz not null default now()
);
create index callback_rejections_channel_received on callback_rejections (channel, received_at);

create table migrations (
    migration_id text primary key,
    scope        text        not null,
    from_channel text        not null,
    to_channel   text        not null,
    plan         jsonb       not null,
    started_by   text        not null,
    started_at   timestamptz not null default now(),
    ended_at     timestamptz,
    outcome      text
);
-- At most one running migration per scope: the database refuses a second one, whatever races the API.
create unique index migrations_one_running_per_scope on migrations (scope) where ended_at is null;
