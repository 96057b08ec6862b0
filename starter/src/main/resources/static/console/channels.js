import { get, el, time, table, Problem } from '/console/api.js';

const $ = (id) => document.getElementById(id);
let timer = null;

export function start() {
  refresh();
  timer = setInterval(refresh, 5000);
}

export function stop() {
  clearInterval(timer);
  timer = null;
}

function share(t) {
  const bar = el('span', { class: 'bar' });
  bar.style.width = `${Math.max(1, Math.round(t.weightBps / 100))}px`; // CSSOM, allowed by the CSP
  return el('div', {}, bar, `${t.scope}: ${(t.weightBps / 100).toFixed(2)}%`,
    t.backupPosition ? el('span', { class: 'muted' }, ` (backup ${t.backupPosition})`) : '',
    el('span', { class: 'muted' }, ` v${t.tableVersion}`));
}

function health(h) {
  if (h.unread) return el('div', { class: 'muted' }, `${h.scope}: unread (${h.unread})`);
  return el('div', {}, `${h.scope}: `, el('span', { class: `verdict ${h.verdict}` }, h.verdict), ` ${h.mode}`,
    h.failedOverFrom ? el('strong', {}, ' failed over away from it') : '',
    h.failing.length ? el('div', { class: 'muted' }, h.failing.join('; ')) : '',
    el('span', { class: 'muted' }, ` ${time(h.evaluatedAtMs)}`));
}

async function refresh() {
  try {
    const channels = await get('/api/channels');
    $('channels').replaceChildren(el('table', { id: 'channel-table' },
      el('thead', {}, el('tr', {}, ['channel', 'state', 'new payments', 'share per scope', 'health per scope', 'open payments']
        .map((h) => el('th', {}, h)))),
      el('tbody', {}, channels.map((c) => el('tr', { 'data-channel': c.channel },
        el('td', {}, c.channel),
        el('td', {}, c.status.state, c.status.reason ? el('div', { class: 'muted' }, `${c.status.reason} (${c.status.changedBy})`) : ''),
        el('td', {}, c.takesNewPayments ? 'yes' : 'no', c.disabledInConfiguration ? ' (disabled in configuration)' : ''),
        el('td', {}, c.traffic.map(share)),
        el('td', {}, c.health.map(health)),
        el('td', {}, `${c.open.notEnded} not ended, ${c.open.inAfterSales} in after-sales`))))));
    const scopes = [...new Set(channels.flatMap((c) => c.traffic.map((t) => t.scope)))].sort();
    const healths = await Promise.all(scopes.map((s) => get(`/api/scopes/${encodeURIComponent(s)}/health`).catch(() => null)));
    $('scopes').replaceChildren(table(healths.filter((h) => h).map((h) => ({
      scope: h.scope,
      mode: h.mode,
      primary: h.primary,
      backups: (h.backups || []).join(', '),
      failover: h.failover ? `${h.failover.from} → ${h.failover.to} at ${time(h.failover.atMs)} by ${h.failover.by}: ${h.failover.reason}` : '—',
      hold: h.hold ? JSON.stringify(h.hold) : '—',
      migration: h.migrationId || '—',
    })), ['scope', 'mode', 'primary', 'backups', 'failover', 'hold', 'migration']));
  } catch (e) {
    if (e instanceof Problem && e.status === 401) location.reload();
    $('channels').replaceChildren(el('p', { class: 'problem' }, e.message));
  }
}
