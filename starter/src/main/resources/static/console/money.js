import { get, el, table, show, Problem } from '/console/api.js';

const $ = (id) => document.getElementById(id);

export function start() {
  $('reconciliation-form').onsubmit = (event) => {
    event.preventDefault();
    reconciliation();
  };
  reconciliation();
  costs();
}

export function stop() {}

async function reconciliation() {
  $('reconciliation-problem').hidden = true;
  const channel = $('reconciliation-channel').value.trim();
  const date = $('reconciliation-date').value;
  const query = new URLSearchParams();
  if (channel) query.set('channel', channel);
  if (date) query.set('date', date);
  try {
    const answer = await get(`/api/reconciliations?${query}`);
    if (Array.isArray(answer)) {
      $('reconciliation').replaceChildren(answer.length ? table(answer) : el('p', { class: 'muted' }, 'no runs yet'));
      return;
    }
    const report = answer.report || {};
    $('reconciliation').replaceChildren(
      el('h3', {}, 'Run'), table([report.run || {}]),
      el('h3', {}, 'Counts'), table(Array.isArray(report.counts) ? report.counts : [report.counts || {}]),
      el('h3', {}, 'Discrepancies'), (report.discrepancies || []).length ? table(report.discrepancies) : el('p', { class: 'muted' }, 'none'));
  } catch (e) {
    show($('reconciliation-problem'), e instanceof Problem ? `HTTP ${e.status}: ${e.message}` : String(e), 'problem');
  }
}

async function costs() {
  try {
    const answer = await get('/api/channels/costs');
    const rows = Array.isArray(answer) ? answer : answer.channels || answer.costs || [answer];
    $('costs').replaceChildren(table(rows));
  } catch (e) {
    $('costs').replaceChildren(el('p', { class: 'problem' }, e.message));
  }
}
