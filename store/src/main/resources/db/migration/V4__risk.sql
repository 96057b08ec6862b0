-- Every risk verdict, one per payment (the order id), with the rule and the numbers when it rejected.
-- The daily amount and the velocity of a user are counted from the payments that passed.
create table risk_decisions (
  order_id      text primary key,
  user_id       text not null,
  product_type  text not null,
  amount_minor  bigint not null,
  currency      text not null,
  client_ip     text,
  passed        boolean not null,
  rule          text,
  detail        text,
  decided_at    timestamptz not null default now()
);

create index risk_decisions_user_time on risk_decisions (user_id, product_type, decided_at) where passed;
