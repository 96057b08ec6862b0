import { get, el, table, show, Problem } from '/console/api.js';

const $ = (id) => document.getElementById(id);
let temporalUi = null;

export function start(who) {
  temporalUi = who.temporalUi;
  $('payment-form').onsubmit = (event) => {
    event.preventDefault();
    load($('order-id').value.trim());
  };
}

export function stop() {}

function money(minor, currency) {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

async function load(orderId) {
  $('payment').replaceChildren();
  $('payment-problem').hidden = true;
  try {
    const p = await get(`/api/payments/${encodeURIComponent(orderId)}`);
    const facts = [
      ['status', p.status], ['channel', p.channel], ['routing version', p.routingVersion],
      ['amount', money(p.amountMinor, p.currency)], ['paid', money(p.paidAmountMinor, p.currency)],
      ['refunded', money(p.refundedAmountMinor, p.currency)], ['product', p.productType],
      ['trade number', p.tradeNo], ['created', p.createdAt], ['paid at', p.paidAt], ['anomaly', p.anomalyReason],
    ];
    const dl = el('dl', { class: 'facts', id: 'payment-facts' }, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '—')]));
    const parts = [dl];
    if (temporalUi) {
      const href = `${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent('payment-' + p.orderId)}`;
      parts.push(el('p', {}, el('a', { href, target: '_blank', rel: 'noopener noreferrer', id: 'temporal-link' }, 'Open in the Temporal UI')));
    }
    parts.push(el('h3', {}, 'Refunds'), p.refunds.length ? table(p.refunds) : el('p', { class: 'muted' }, 'none'));
    parts.push(el('h3', {}, 'Notes'), el('ul', {}, p.notes.map((n) => el('li', {}, n))));
    $('payment').replaceChildren(...parts);
  } catch (e) {
    show($('payment-problem'), e instanceof Problem ? `HTTP ${e.status}: ${e.message}` : String(e), 'problem');
  }
}
