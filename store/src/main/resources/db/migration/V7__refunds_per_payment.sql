-- Refunds per payment (issue 15). A refund id is the platform's and names a refund of one payment: two payments may
-- both have a refund "r1". What the provider knows a refund by (Alipay out_request_no, WeChat Pay out_refund_no, the
-- sandbox's outRefundNo) is ours, unique across all payments, fixed when the refund is first recorded and never
-- computed again: provider_refund_no. Refunds recorded before this were sent under their refund id, so that stays
-- their number (a refund still pending at its provider keeps being asked for under the number it was sent with).
alter table refunds add column provider_refund_no text;
update refunds set provider_refund_no = refund_id;
alter table refunds alter column provider_refund_no set not null;
alter table refunds add constraint refunds_provider_refund_no_unique unique (provider_refund_no);

alter table refunds drop constraint refunds_pkey;
alter table refunds add constraint refunds_pkey primary key (order_id, refund_id);
-- The primary key now starts with order_id: the separate index on it is redundant.
drop index refunds_order;

-- A REFUND ledger entry's reference is its refund's provider_refund_no (unique, and what the provider's statement
-- names), so reconciliation matches a statement's refund line to it. The existing entries already hold it: their
-- reference is the refund id, which the update above made their provider_refund_no.
comment on column ledger_entries.reference is
    'PAYMENT: the order id; REFUND: the refund''s provider_refund_no (refunds.provider_refund_no)';
