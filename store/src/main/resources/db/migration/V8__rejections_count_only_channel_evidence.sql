-- Only a refusal of a message the channel itself signed (stale, another merchant, malformed, contradicting the
-- ledger) says anything about the channel; forged and unsigned posts are anyone's and are no longer stored (the
-- starter counts them in metrics only). Rows written before this migration were not classified: they stay for
-- review but count in no gate (evidence defaults to false).
alter table callback_rejections add column kind text not null default 'UNCLASSIFIED';
alter table callback_rejections add column evidence boolean not null default false;
-- The refused message's verified signature: a copy of one signed message sent again counts once.
alter table callback_rejections add column signature_sha256 text;
create unique index callback_rejections_one_per_message
    on callback_rejections (channel, signature_sha256) where signature_sha256 is not null;
-- What the verification gate reads: a channel's evidence in a window.
create index callback_rejections_evidence_channel_received
    on callback_rejections (channel, received_at) where evidence;
