-- Failover per payment at create (issue 17, section 3): a payment whose channel could not take its
-- order moves to a backup of its scope's table before any order exists there. The payment's row then
-- names the new channel; this table keeps each channel it left, so that the abandoned order's
-- callbacks still reach the payment (believed for this order only) and are refunded on the channel
-- that took the money. One row per channel left: a retried move adds nothing.

create table payment_failovers (
    order_id        text        not null references payments (order_id),
    from_channel    text        not null,
    to_channel      text        not null,
    routing_version bigint      not null,
    reason          text        not null,
    created_at      timestamptz not null default now(),
    primary key (order_id, from_channel)
);

-- The channel a refund is made at. A payment's refunds are on its channel, except the automatic refund of money
-- that reached an order it left at another channel: that one goes back there, and its ledger entry names that
-- channel. Refunds recorded before this are on their payment's channel (null here).
alter table refunds add column channel text;

-- The migration gates count a channel's creates that failed over as its failed creates.
create index payment_failovers_from_channel on payment_failovers (from_channel, created_at);
