-- The risk verdict in one round trip. The rules are judged and the verdict recorded under a lock on the user
-- (so that two payments of one user cannot both pass a limit only one of them fits). Done from the application
-- this took six round trips with the lock held across all of them; here it is held for the server's time only.
--
-- p_rule/p_detail: a verdict the caller reached without the store (a blocked address, an amount above the
-- maximum), recorded as given; null to judge by the counts. A null limit is no limit. An order that already has a
-- verdict (a retried activity) gets it back, and nothing is counted twice.
create function assess_risk(p_order_id text, p_user_id text, p_product_type text, p_amount_minor bigint,
                            p_currency text, p_client_ip text, p_rule text, p_detail text,
                            p_max_per_minute integer, p_daily_max_minor bigint,
                            p_day_start timestamptz, p_day_end timestamptz)
  returns table (passed boolean, rule text, detail text)
  language plpgsql as $$
#variable_conflict use_column
declare
  v_rule   text := p_rule;
  v_detail text := p_detail;
  v_count  bigint;
  v_today  bigint;
begin
  -- Locked first, then looked up: a retry racing its own first attempt (still running when it timed out) waits
  -- for it and answers its verdict, where looking first would find nothing and then collide on the insert.
  perform pg_advisory_xact_lock(hashtext('risk:' || p_user_id));

  return query select r.passed, r.rule, r.detail from risk_decisions r where r.order_id = p_order_id;
  if found then
    return;
  end if;

  if v_rule is null and p_max_per_minute is not null then
    select count(*) into v_count from risk_decisions r
     where r.user_id = p_user_id and r.product_type = p_product_type and r.passed
       and r.decided_at > now() - interval '1 minute';
    if v_count >= p_max_per_minute then
      v_rule := 'VELOCITY';
      v_detail := format('%s %s payments in the last minute; at most %s', v_count, p_product_type, p_max_per_minute);
    end if;
  end if;

  -- What the user has paid or may still pay today: passed payments that did not fail or close unpaid.
  if v_rule is null and p_daily_max_minor is not null then
    select coalesce(sum(r.amount_minor), 0) into v_today from risk_decisions r
      left join payments p on p.order_id = r.order_id
     where r.user_id = p_user_id and r.product_type = p_product_type and r.currency = p_currency and r.passed
       and r.decided_at >= p_day_start and r.decided_at < p_day_end
       and coalesce(p.status, 'CREATED') not in ('CLOSED', 'FAILED', 'REJECTED');
    if v_today + p_amount_minor > p_daily_max_minor then
      v_rule := 'DAILY_MAX';
      v_detail := format('today %s + this %s > %s %s for %s', v_today, p_amount_minor, p_daily_max_minor,
                         p_currency, p_product_type);
    end if;
  end if;

  insert into risk_decisions (order_id, user_id, product_type, amount_minor, currency, client_ip, passed, rule,
                              detail)
  values (p_order_id, p_user_id, p_product_type, p_amount_minor, p_currency, p_client_ip, v_rule is null, v_rule,
          v_detail);
  return query select v_rule is null, v_rule, v_detail;
end
$$;
