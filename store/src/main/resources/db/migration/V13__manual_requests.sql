-- Requests by hand (issue 17, section 5): ops settle a payment whose user says they paid (the
-- payment asks its provider and settles only on its answer), or send a given-up fulfilment webhook
-- (or a refund's webhook) again. One row per request that reached a payment: who asked, why, and what came of it, so that
-- ops can list them beside the payment's own notes.
create table manual_requests (
  id             bigserial primary key,
  order_id       text        not null,
  action         text        not null
                 check (action in ('SETTLE', 'RESEND_FULFILMENT', 'RESEND_REFUND_WEBHOOK')),
  refund_id      text,
  requested_by   text        not null,
  reason         text        not null,
  outcome        text        not null,
  payment_status text,
  detail         text,
  requested_at   timestamptz not null default now()
);

create index manual_requests_by_order on manual_requests (order_id, id desc);
