import { get, post, el, time, show, Problem } from '/console/api.js';
import { weightChart, gateChart, weightData, gateData } from '/console/charts.js';

const $ = (id) => document.getElementById(id);
let timer = null;
let selected = null; // the migration chosen in the list
let drawn = null; // the migration whose panel is on screen: what the actions act on
let who = null;
let ticks = 0;
let weight = null;
let gates = new Map();
let events = [];

export function start(signedIn) {
  who = signedIn;
  $('migration-actions').hidden = !who.roles.includes('engineer');
  for (const b of document.querySelectorAll('#migration-actions button')) b.onclick = () => act(b.dataset.action);
  enableActions();
  refresh();
  timer = setInterval(refresh, 2000);
}

export function stop() {
  clearInterval(timer);
  timer = null;
}

async function refresh() {
  try {
    if (ticks++ % 5 === 0 || !selected) await list();
    if (selected) await detail(selected);
  } catch (e) {
    failed(e);
  }
}

/** A read failed: the session ended (sign in again), or what is shown is old, and says so. */
function failed(e) {
  if (e instanceof Problem && e.status === 401) {
    location.reload(); // the session ended
    return;
  }
  const why = e instanceof Problem ? `HTTP ${e.status}: ${e.message}` : String(e.message || e);
  show($('migrations-stale'), `Not up to date (${time(Date.now())}): ${why}. Retrying every 2 s.`, 'problem');
  $('view-migrations').classList.add('stale');
}

function fresh() {
  $('migrations-stale').hidden = true;
  $('view-migrations').classList.remove('stale');
}

/** Actions only while the panel on screen is the migration chosen: never act on one not shown. */
function enableActions() {
  const ready = drawn !== null && drawn === selected;
  for (const b of document.querySelectorAll('#migration-actions button')) b.disabled = !ready;
}

async function list() {
  const rows = await get('/api/migrations');
  fresh();
  const body = $('migration-list').tBodies[0];
  body.replaceChildren(...rows.map((m) => {
    const tr = el('tr', { class: 'selectable' + (m.migrationId === selected ? ' selected' : ''), 'data-id': m.migrationId },
      el('td', {}, m.migrationId), el('td', {}, m.scope), el('td', {}, `${m.fromChannel} → ${m.toChannel}`),
      el('td', {}, m.running ? 'running' : m.outcome));
    tr.onclick = () => select(m.migrationId);
    return tr;
  }));
  if (!selected && rows.length) {
    select((rows.find((m) => m.running) || rows[0]).migrationId);
  }
}

function select(id) {
  if (selected !== id) {
    selected = id;
    weight?.destroy();
    weight = null;
    for (const g of gates.values()) g.chart.destroy();
    gates = new Map();
    $('gate-charts').replaceChildren();
    $('action-result').hidden = true;
  }
  enableActions();
  for (const tr of $('migration-list').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.id === id);
  detail(id).catch(failed);
}

async function detail(id) {
  const [status, series] = await Promise.all([
    get(`/api/migrations/${encodeURIComponent(id)}`),
    get(`/api/migrations/${encodeURIComponent(id)}/series`),
  ]);
  if (id !== selected) return;
  fresh();
  drawn = id;
  $('migration-detail').dataset.id = id;
  $('migration-detail').hidden = false;
  $('migration-title').textContent = `${status.migrationId}: ${status.fromChannel} → ${status.toChannel} (scope ${status.scope})`;
  $('migration-phase').textContent = status.phase;
  $('migration-step').textContent = `${status.step + 1}`;
  $('migration-weight').textContent = `${status.weightBps} bps (${(status.weightBps / 100).toFixed(2)}%)`;
  $('migration-failures').textContent = `${status.consecutiveFailures}`;
  $('migration-rollback').textContent = status.rollbackReason || '—';
  events = series.events;
  draw(series);
  $('migration-timeline').tBodies[0].replaceChildren(...[...(status.timeline || [])].reverse().map((e) =>
    el('tr', {}, el('td', {}, time(e.atMs)), el('td', {}, e.event), el('td', {}, e.by), el('td', {}, e.detail))));
  enableActions();
}

function draw(series) {
  const width = Math.max(480, $('migration-detail').clientWidth - 20);
  if (!weight) weight = weightChart($('weight-chart'), width, () => events);
  weight.setData(weightData(series.weights, Date.now()));
  let total = 0;
  for (const g of series.gates) {
    total += g.points.length;
    let gate = gates.get(g.gate);
    if (!gate) {
      const box = el('div', { class: 'gate', 'data-gate': g.gate });
      $('gate-charts').append(box);
      gate = { points: [], box };
      const title = `${g.gate} (${g.unit}, limit ${g.limit})`;
      gate.chart = gateChart(box, Math.max(320, Math.floor(width / 2) - 40), title, () => gate.points, () => events);
      gate.verdict = el('span', { class: 'verdict' });
      box.prepend(el('h4', {}, gate.verdict));
      gates.set(g.gate, gate);
    }
    gate.points = g.points;
    const last = g.points[g.points.length - 1];
    gate.verdict.textContent = last ? `${last.verdict}` : '';
    gate.verdict.className = `verdict ${last ? last.verdict : ''}`;
    gate.chart.setData(gateData(g));
  }
  $('migration-detail').dataset.gatePoints = String(total);
  $('migration-detail').dataset.weightPoints = String(series.weights.length);
}

async function act(action) {
  const target = drawn; // the migration on screen, never one still loading
  if (target === null || target !== selected) return;
  const reason = $('action-reason').value.trim();
  try {
    const status = await post(`/api/migrations/${encodeURIComponent(target)}/${action}`, reason ? { reason } : {});
    show($('action-result'), `${target} ${action}: done, now ${status.phase} at ${status.weightBps} bps`, 'ok');
    if (target === selected) await detail(target);
  } catch (e) {
    show($('action-result'), e instanceof Problem ? `${action} refused (HTTP ${e.status}): ${e.message}` : String(e), 'problem');
  }
}
