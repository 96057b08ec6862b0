-- Fees and settlement (issue: reconciliation and channel costs).
-- A payment's fee and expected settlement day are fixed when it is paid, from its channel's fee schedule then.
alter table payments add column fee_minor bigint check (fee_minor >= 0);
alter table payments add column settlement_date date;
-- The fee charged (PAYMENT) or given back (REFUND) with each movement of money; null when the channel has no schedule.
alter table ledger_entries add column fee_minor bigint check (fee_minor >= 0);

create index payments_channel_paid on payments (channel, paid_at) where paid_at is not null;
create index ledger_channel_time on ledger_entries (channel, created_at);

-- One reconciliation per channel and business day. Re-running a day updates this row.
create table reconciliation_runs (
  channel               text        not null,
  business_day          date        not null,
  status                text        not null check (status in ('RUNNING', 'COMPLETED')),
  statement_lines       bigint      not null default 0,
  matched               bigint      not null default 0,
  discrepancies_open    bigint      not null default 0,
  repairs_pending       bigint      not null default 0,
  totals                jsonb       not null default '{}'::jsonb,
  runs                  int         not null default 1,
  started_at            timestamptz not null default now(),
  finished_at           timestamptz,
  primary key (channel, business_day)
);

-- The provider's statement as fetched, staged here so that matching runs in the database, not in memory.
create table statement_lines (
  channel      text        not null,
  business_day date        not null,
  line_no      bigint      not null,
  kind         text        not null check (kind in ('PAYMENT', 'REFUND')),
  trade_no     text,
  order_id     text        not null,
  refund_id    text,
  amount_minor bigint      not null,
  currency     char(3)     not null,
  fee_minor    bigint,
  occurred_at  timestamptz,
  primary key (channel, business_day, line_no)
);

-- Every difference found, one row per kind and reference (a trade or refund number) and day: a re-run finds the
-- same rows and leaves what was settled alone.
create table discrepancies (
  id                     bigserial   primary key,
  channel                text        not null,
  business_day           date        not null,
  kind                   text        not null,
  reference              text        not null,
  order_id               text,
  provider_amount_minor  bigint,
  ledger_amount_minor    bigint,
  provider_fee_minor     bigint,
  ledger_fee_minor       bigint,
  currency               char(3),
  detail                 text        not null,
  status                 text        not null check (status in ('OPEN', 'REPAIRING', 'REPAIRED', 'RESOLVED')),
  resolution             text,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  unique (channel, business_day, kind, reference)
);

create index discrepancies_open on discrepancies (status) where status in ('OPEN', 'REPAIRING');
