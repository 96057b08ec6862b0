-- Payments, refunds, the ledger, the callback inbox and the routing table (issue: payments as workflows).

create table payments (
    order_id              text primary key,
    user_id               text        not null,
    amount_minor          bigint      not null check (amount_minor > 0),
    currency              char(3)     not null,
    product_type          text        not null,
    subject               text,
    client_ip             text,
    channel               text        not null,
    routing_version       bigint      not null,
    status                text        not null,
    status_reason         text,
    trade_no              text,
    pay_url               text,
    expires_at            timestamptz not null,
    paid_amount_minor     bigint      not null default 0 check (paid_amount_minor >= 0),
    refunded_amount_minor bigint      not null default 0 check (refunded_amount_minor >= 0),
    paid_at               timestamptz,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint refunds_within_paid check (refunded_amount_minor <= paid_amount_minor)
);

create index payments_status on payments (status);
create index payments_channel_created on payments (channel, created_at);

create table refunds (
    refund_id          text primary key,
    order_id           text        not null references payments (order_id),
    amount_minor       bigint      not null check (amount_minor > 0),
    currency           char(3)     not null,
    reason             text,
    automatic          boolean     not null default false,
    status             text        not null,
    failure            text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

create index refunds_order on refunds (order_id);

-- Every movement of money. One PAYMENT per order at most: no order is paid twice.
create table ledger_entries (
    id           bigserial primary key,
    order_id     text        not null references payments (order_id),
    entry_type   text        not null check (entry_type in ('PAYMENT', 'REFUND')),
    reference    text        not null,
    amount_minor bigint      not null check (amount_minor > 0),
    currency     char(3)     not null,
    channel      text        not null,
    created_at   timestamptz not null default now(),
    unique (entry_type, reference)
);

create unique index ledger_one_payment_per_order on ledger_entries (order_id) where entry_type = 'PAYMENT';

-- Verified callbacks; unique per channel and notification id so that a duplicate is applied at most once.
create table callback_inbox (
    id          bigserial primary key,
    channel     text        not null,
    notify_id   text        not null,
    order_id    text        not null,
    payload     jsonb       not null,
    outcome     text        not null,
    received_at timestamptz not null default now(),
    unique (channel, notify_id)
);

-- Nonces of verified callbacks, to refuse replays inside the timestamp window.
create table callback_nonces (
    channel text        not null,
    nonce   text        not null,
    seen_at timestamptz not null default now(),
    primary key (channel, nonce)
);

create table webhook_deliveries (
    event_id     text primary key,
    order_id     text        not null references payments (order_id),
    delivered_at timestamptz not null default now()
);

create table routing_tables (
    scope       text        not null,
    version     bigint      not null check (version > 0),
    weights_bps jsonb       not null,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    primary key (scope, version)
);
