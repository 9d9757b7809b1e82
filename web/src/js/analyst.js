// The analyst dashboard: login with an API key, then trends, clusters by
// priority, a cluster's network graph, money mules and an identifier check.
// Views are sections of one page switched by the URL hash (#trends,
// #clusters, #cluster/ID, #mules, #check), so the back button and links work.
import * as echarts from '/vendor/echarts.esm.min.mjs';
import {
  api, apiKey, setApiKey, ApiError, rowsOf, statRow, clusterSummary, clusterDetail, euros,
} from './api.js';
import { drawGraph, focusNode, legendHtml, KIND_STYLE } from './graph.js';

const $ = (sel) => document.querySelector(sel);
const FRAUD_TYPES = [
  'hulpvraagfraude', 'bankhelpdeskfraude', 'aankoopfraude', 'verkoopfraude', 'phishing',
  'datingfraude', 'beleggingsfraude', 'identiteitsfraude', 'overig',
];
// Okabe-Ito-like palette, distinguishable for most colour-blind readers.
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8a7a00', '#4a5560', '#9b59b6'];
const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const int = new Intl.NumberFormat('nl-NL');

// Exposed for the end-to-end test and for debugging in the console.
const debug = { charts: {}, cy: null, detail: null };
window.zichtDebug = debug;

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function day(v) {
  if (v == null || v === '') return '';
  if (typeof v === 'number') return new Date(v * 1000).toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

function status(id, text, isError = false) {
  const el = document.getElementById(id);
  el.textContent = text || '';
  el.classList.toggle('err', isError);
}

function handleError(id, err) {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
    setApiKey(null);
    showLogin(err.status === 403 ? 'This key may not read analyst data (role analyst needed).' : 'Your key was not accepted; log in again.');
    return;
  }
  status(id, `Could not load: ${err.message}`, true);
}

// ---- login ----------------------------------------------------------------------

// A notice for the login view that outlives the hash change a logout causes
// (route() shows the login view again on that change).
let loginNotice = '';

function showLogin(message = loginNotice) {
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== 'view-login';
  $('#nav').hidden = true;
  $('#logout').hidden = true;
  $('#login-error').textContent = message;
  $('#api-key').focus();
}

async function onLogin(event) {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  loginNotice = '';
  if (!key) { $('#login-error').textContent = 'Paste your API key.'; return; }
  setApiKey(key);
  try {
    await api.clusters(1);  // proves the key and the role before showing anything
  } catch (err) {
    setApiKey(null);
    $('#login-error').textContent = err instanceof ApiError && err.status === 401
      ? 'This key is not known. Check that you pasted all of it.'
      : err instanceof ApiError && err.status === 403
        ? 'This key may not read analyst data (role analyst needed).'
        : `Login failed: ${err.message}`;
    $('#api-key').setAttribute('aria-invalid', 'true');
    return;
  }
  $('#api-key').value = '';
  $('#api-key').removeAttribute('aria-invalid');
  if (!location.hash || location.hash === '#login') location.hash = '#trends'; else route();
}

// ---- routing ----------------------------------------------------------------------

function route() {
  if (!apiKey()) { showLogin(); return; }
  const [path, query] = (location.hash.slice(1) || 'trends').split('?');
  const [view, ...rest] = path.split('/');
  const known = ['trends', 'clusters', 'cluster', 'mules', 'check'];
  const name = known.includes(view) ? view : 'trends';
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== `view-${name}`;
  $('#nav').hidden = false;
  $('#logout').hidden = false;
  for (const a of document.querySelectorAll('#nav a')) {
    const current = a.dataset.view === name || (name === 'cluster' && a.dataset.view === 'clusters');
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.title = `${name === 'cluster' ? 'Cluster' : name[0].toUpperCase() + name.slice(1)} — Zicht analyst`;
  if (name === 'trends') loadTrends();
  if (name === 'clusters') loadClusters();
  if (name === 'cluster') loadCluster(decodeURIComponent(rest.join('/')));
  if (name === 'mules') loadMules();
  if (name === 'check') {
    const params = new URLSearchParams(query || '');
    if (params.get('kind')) $('#check-kind').value = params.get('kind');
    if (params.get('value')) { $('#check-value').value = params.get('value'); runCheck(); }
  }
}

// ---- trends -------------------------------------------------------------------------

function chart(id) {
  if (!debug.charts[id]) debug.charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  return debug.charts[id];
}

async function loadTrends() {
  const by = $('#trend-by').value;
  const type = $('#trend-type').value;
  status('trend-status', 'Loading…');
  let rows;
  try {
    rows = rowsOf(await api.stats(by, type), 'rows', 'stats', 'periods').map(statRow);
  } catch (err) { handleError('trend-status', err); return; }
  if (type) rows = rows.filter((r) => r.fraudType === type || r.fraudType === 'all');
  status('trend-status', rows.length ? '' : 'No reports in this selection.');

  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const per = new Map(periods.map((p) => [p, { reports: 0, attempts: 0, losses: 0, damage: 0 }]));
  for (const r of rows) {
    const a = per.get(r.period);
    a.reports += r.reports; a.attempts += r.attempts; a.losses += r.losses; a.damage += r.damage;
  }
  const totals = [...per.values()].reduce((t, a) => ({
    reports: t.reports + a.reports, attempts: t.attempts + a.attempts, losses: t.losses + a.losses, damage: t.damage + a.damage,
  }), { reports: 0, attempts: 0, losses: 0, damage: 0 });
  $('#trend-cards').innerHTML = [
    ['Reports', int.format(totals.reports)], ['Attempts', int.format(totals.attempts)],
    ['Victims with a loss', int.format(totals.losses)], ['Damage', eur.format(totals.damage)],
  ].map(([l, n]) => `<div class="card"><span class="num">${n}</span><span class="lbl">${l}</span></div>`).join('');

  chart('chart-outcome').setOption({
    color: ['#e69f00', '#b3001b', '#154273'],
    tooltip: { trigger: 'axis', valueFormatter: undefined },
    legend: { top: 0 },
    grid: { left: 60, right: 80, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: periods },
    yAxis: [
      { type: 'value', name: 'reports', minInterval: 1 },
      { type: 'value', name: 'damage (€)', axisLabel: { formatter: (v) => int.format(v) } },
    ],
    dataZoom: periods.length > 30 ? [{ type: 'slider', bottom: 10 }] : [],
    series: [
      { name: 'attempts (poging)', type: 'bar', stack: 'outcome', data: periods.map((p) => per.get(p).attempts) },
      { name: 'losses (schade)', type: 'bar', stack: 'outcome', data: periods.map((p) => per.get(p).losses) },
      {
        name: 'damage (€)', type: 'line', yAxisIndex: 1, symbolSize: 5,
        data: periods.map((p) => Math.round(per.get(p).damage)),
        tooltip: { valueFormatter: (v) => eur.format(v) },
      },
    ],
  }, true);

  const types = [...new Set(rows.map((r) => r.fraudType))].sort((a, b) => FRAUD_TYPES.indexOf(a) - FRAUD_TYPES.indexOf(b));
  const cell = new Map(rows.map((r) => [`${r.period}|${r.fraudType}`, r]));
  chart('chart-types').setOption({
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 30, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', name: 'reports', minInterval: 1 },
    dataZoom: periods.length > 30 ? [{ type: 'slider', bottom: 10 }] : [],
    series: types.map((t) => ({
      name: t, type: 'bar', stack: 'types', emphasis: { focus: 'series' },
      data: periods.map((p) => cell.get(`${p}|${t}`)?.reports ?? 0),
    })),
  }, true);

  $('#trend-table').innerHTML =
    '<thead><tr><th>period</th><th>fraud type</th><th class="num">reports</th><th class="num">attempts</th><th class="num">losses</th><th class="num">damage</th></tr></thead><tbody>' +
    rows.map((r) => `<tr><td>${esc(r.period)}</td><td>${esc(r.fraudType)}</td><td class="num">${int.format(r.reports)}</td>` +
      `<td class="num">${int.format(r.attempts)}</td><td class="num">${int.format(r.losses)}</td><td class="num">${eur.format(r.damage)}</td></tr>`).join('') +
    '</tbody>';
}

// ---- clusters --------------------------------------------------------------------------

function explainList(items) {
  return items.length ? `<ul class="explain">${items.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '';
}

function typesText(fts) {
  return fts.map((f) => (f.count != null ? `${f.type} (${f.count})` : f.type)).join(', ');
}

async function loadClusters() {
  status('clusters-status', 'Loading…');
  let list;
  try {
    list = rowsOf(await api.clusters(100), 'clusters').map(clusterSummary);
  } catch (err) { handleError('clusters-status', err); return; }
  status('clusters-status', list.length ? `${list.length} clusters, highest priority first.` : 'No clusters yet.');
  $('#clusters-table').innerHTML =
    '<thead><tr><th class="num">#</th><th>cluster</th><th class="num">score</th><th class="num">reports</th><th class="num">sources</th>' +
    '<th class="num">losses</th><th class="num">damage</th><th class="num">mules</th><th>last seen</th><th>fraud types</th><th>why</th></tr></thead><tbody>' +
    list.map((c, n) => `<tr><td class="num">${n + 1}</td>` +
      `<td class="nowrap"><a class="mono" href="#cluster/${encodeURIComponent(c.id)}">${esc(c.id)}</a></td>` +
      `<td class="num">${c.score.toFixed(1)}</td><td class="num">${c.reports}</td><td class="num">${c.sources}</td>` +
      `<td class="num">${c.losses}</td><td class="num">${eur.format(c.damage)}</td>` +
      `<td class="num">${c.mules ? `<span class="badge mule">${c.mules}</span>` : '0'}</td>` +
      `<td class="nowrap">${esc(day(c.lastSeen))}</td><td>${esc(typesText(c.fraudTypes))}</td><td>${explainList(c.explanation)}</td></tr>`).join('') +
    '</tbody>';
}

// ---- one cluster ---------------------------------------------------------------------------

function nodeDetailsHtml(detail, kind, index) {
  const row = (k, v) => (v === '' || v == null ? '' : `<dt>${esc(k)}</dt><dd>${v}</dd>`);
  if (kind === 'report') {
    const r = detail.reports[index];
    const ids = detail.edges.filter((e) => e.report === index)
      .map((e) => `${esc(detail.identifiers[e.identifier].kind)} <span class="mono">${esc(detail.identifiers[e.identifier].value)}</span> (${esc(e.role)})`);
    return `<h3>Report</h3><dl>${row('id', `<span class="mono">${esc(r.id)}</span>`)}${row('source', esc(r.source))}` +
      `${row('reported', esc(day(r.reported_at)))}${row('occurred', esc(day(r.occurred_at)))}${row('fraud type', esc(r.fraud_type))}` +
      `${row('outcome', esc(r.outcome))}${row('damage', eur.format(euros(r)))}${row('channel', esc(r.channel))}` +
      `${row('victim', esc([r.victim?.age_band, r.victim?.region].filter(Boolean).join(', ')))}` +
      `${row('identifiers', ids.join('<br>'))}${row('text', esc(r.text))}</dl>`;
  }
  const i = detail.identifiers[index];
  const reps = detail.edges.filter((e) => e.identifier === index)
    .map((e) => `<span class="mono">${esc(detail.reports[e.report].source)}/${esc(detail.reports[e.report].id)}</span> (${esc(e.role)})`);
  const check = `#check?kind=${encodeURIComponent(i.kind)}&value=${encodeURIComponent(i.value)}`;
  return `<h3>${esc(KIND_STYLE[i.kind]?.label ?? i.kind)}${i.mule ? ' <span class="badge mule">money mule</span>' : ''}</h3>` +
    `<dl>${row('value', `<span class="mono">${esc(i.value)}</span>`)}${row('roles', esc(i.roles.join(', ')))}` +
    `${row('reports (all data)', i.reports ? int.format(i.reports) : '')}${row('linkable', i.linkable ? 'yes' : 'no (spoofed or warning-listed)')}` +
    `${row('in this cluster', reps.join('<br>'))}</dl><p><a href="${check}">Check this identifier</a></p>`;
}

async function loadCluster(id) {
  $('#cluster-title').textContent = `Cluster ${id}`;
  status('cluster-status', 'Loading…');
  status('export-status', '');  // the last cluster's export line is not this one's
  $('#node-details').innerHTML = '<p class="status-msg">Click a node in the graph, or pick one below.</p>';
  let detail;
  try {
    detail = clusterDetail(await api.cluster(id));
  } catch (err) { handleError('cluster-status', err); return; }
  debug.detail = detail;
  const s = detail.summary;
  status('cluster-status', '');
  $('#cluster-cards').innerHTML = [
    ['Priority score', s.score.toFixed(1)], ['Reports', s.reports || detail.reports.length], ['Sources', s.sources],
    ['Losses', s.losses], ['Damage', eur.format(s.damage)], ['Money mules', s.mules],
    ['First seen', day(s.firstSeen)], ['Last seen', day(s.lastSeen)],
  ].map(([l, n]) => `<div class="card"><span class="num">${esc(n)}</span><span class="lbl">${l}</span></div>`).join('');
  $('#cluster-explain').innerHTML = s.explanation.map((e) => `<li>${esc(e)}</li>`).join('');
  $('#legend').innerHTML = legendHtml();

  const select = (kind, index) => { $('#node-details').innerHTML = nodeDetailsHtml(detail, kind, index); };
  if (debug.cy) debug.cy.destroy();
  const container = $('#graph');
  debug.cy = drawGraph(container, detail, select);
  container.dataset.nodes = String(debug.cy.nodes().length);
  container.dataset.edges = String(debug.cy.edges().length);

  const items = [
    ...detail.identifiers.map((i, n) => ({ kind: 'identifier', n, text: `${i.kind}: ${i.value}${i.mule ? ' (money mule)' : ''}`, mule: i.mule })),
    ...detail.reports.map((r, n) => ({ kind: 'report', n, text: `report ${r.source}/${r.id}` })),
  ].sort((a, b) => Number(b.mule || 0) - Number(a.mule || 0));
  $('#node-list').innerHTML = items.map((it) =>
    `<li><button type="button" data-kind="${it.kind}" data-n="${it.n}">${esc(it.text)}</button></li>`).join('');

  $('#reports-count').textContent = `(${detail.reports.length})`;
  $('#reports-box').open = detail.reports.length <= 30;
  $('#cluster-reports').innerHTML =
    '<thead><tr><th>report</th><th>reported</th><th>fraud type</th><th>outcome</th><th class="num">damage</th><th>channel</th></tr></thead><tbody>' +
    detail.reports.map((r) => `<tr><td class="mono">${esc(r.source)}/${esc(r.id)}</td><td>${esc(day(r.reported_at))}</td>` +
      `<td>${esc(r.fraud_type)}</td><td>${esc(r.outcome)}</td><td class="num">${eur.format(euros(r))}</td><td>${esc(r.channel)}</td></tr>`).join('') +
    '</tbody>';
}

async function exportCluster(format) {
  const id = decodeURIComponent(location.hash.slice('#cluster/'.length).split('?')[0]);
  const ext = { json: 'json', graphml: 'graphml', stix: 'stix.json', dot: 'dot' }[format];
  status('export-status', `Preparing ${format}…`);
  try {
    const blob = await api.clusterExport(id, format);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `cluster-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.${ext}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status('export-status', `Downloaded ${a.download}.`);
  } catch (err) { handleError('export-status', err); }
}

// ---- money mules ------------------------------------------------------------------------------

async function loadMules() {
  status('mules-status', 'Loading…');
  let mules;
  try {
    mules = await muleList();
  } catch (err) { handleError('mules-status', err); return; }
  status('mules-status', mules.length ? `${mules.length} candidate money mules, most reports first.` : 'No money-mule candidates.');
  $('#mules-table').innerHTML =
    '<thead><tr><th>IBAN</th><th class="num">reports</th><th>roles</th><th>cluster</th><th></th></tr></thead><tbody>' +
    mules.map((m) => `<tr><td class="mono">${esc(m.value)}</td><td class="num">${m.reports}</td><td>${esc(m.roles.join(', '))}</td>` +
      `<td>${m.cluster ? `<a class="mono" href="#cluster/${encodeURIComponent(m.cluster)}">${esc(m.cluster)}</a>` : ''}</td>` +
      `<td><a href="#check?kind=iban&value=${encodeURIComponent(m.value)}">check</a></td></tr>`).join('') +
    '</tbody>';
}

//! GET /v1/mules when the server has it; otherwise collected from the
//! details of the top clusters (every mule is in a cluster: it links ≥ 2 reports).
async function muleList() {
  try {
    const body = await api.mules(200);
    return rowsOf(body, 'mules', 'identifiers').map((m) => ({
      value: m.canonical ?? m.normalized ?? m.value,
      reports: Number(m.reports ?? 0),
      roles: m.roles ?? ['beneficiary'],
      cluster: m.cluster?.id ?? m.cluster_id ?? m.cluster ?? null,
    }));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
  }
  const clusters = rowsOf(await api.clusters(30), 'clusters').map(clusterSummary).filter((c) => c.mules > 0);
  const seen = new Map();
  for (const c of clusters) {
    const d = clusterDetail(await api.cluster(c.id));
    for (const i of d.identifiers) {
      if (i.mule && !seen.has(i.value)) {
        seen.set(i.value, { value: i.value, reports: i.reports || d.edges.filter((e) => d.identifiers[e.identifier] === i).length, roles: i.roles, cluster: c.id });
      }
    }
  }
  return [...seen.values()].sort((a, b) => b.reports - a.reports);
}

// ---- check ------------------------------------------------------------------------------------

async function runCheck(event) {
  event?.preventDefault();
  const kind = $('#check-kind').value;
  const value = $('#check-value').value.trim();
  const out = $('#check-result');
  if (!value) { out.innerHTML = '<p class="error">Enter a value to check.</p>'; return; }
  out.innerHTML = '<p class="status-msg">Checking…</p>';
  let r;
  try {
    r = rowsOf(await api.check([{ kind, value }]), 'results')[0];
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) { handleError('trend-status', err); return; }
    out.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    return;
  }
  const risk = r.risk || 'none';
  const row = (k, v) => (v === '' || v == null ? '' : `<dt>${esc(k)}</dt><dd>${v}</dd>`);
  out.innerHTML = `<div class="check-result ${esc(risk)}" id="check-card" data-risk="${esc(risk)}">` +
    `<h2>Risk: <span class="badge ${esc(risk)}">${esc(risk)}</span></h2><dl>` +
    row('normalised', `<span class="mono">${esc(r.normalized || '—')}</span>`) +
    row('valid', r.valid ? 'yes' : 'no') + row('known from fraud', r.known ? 'yes' : 'no') +
    row('reasons', esc((r.reasons || []).join(', '))) +
    row('reports', r.known ? int.format(r.reports ?? 0) : '') + row('with a loss', r.known ? int.format(r.losses ?? 0) : '') +
    row('damage', r.known ? eur.format(euros(r)) : '') +
    row('first seen', esc(day(r.first_seen))) + row('last seen', esc(day(r.last_seen))) +
    row('fraud types', esc((r.fraud_types || []).join(', '))) +
    row('cluster', r.cluster?.id ? `<a class="mono" href="#cluster/${encodeURIComponent(r.cluster.id)}">${esc(r.cluster.id)}</a> (${esc(r.cluster.reports)} reports)` : '') +
    '</dl></div>';
}

// ---- start ----------------------------------------------------------------------------------------

for (const t of FRAUD_TYPES) $('#trend-type').insertAdjacentHTML('beforeend', `<option value="${t}">${t}</option>`);
$('#trend-by').addEventListener('change', loadTrends);
$('#trend-type').addEventListener('change', loadTrends);
$('#trend-controls').addEventListener('submit', (e) => e.preventDefault());
$('#login-form').addEventListener('submit', onLogin);
$('#logout').addEventListener('click', () => {
  setApiKey(null);
  loginNotice = 'You are logged out.';
  location.hash = '';
  showLogin();
});
$('#check-form').addEventListener('submit', runCheck);
$('#node-list').addEventListener('click', (e) => {
  const b = e.target.closest('button');
  if (!b || !debug.cy) return;
  const kind = b.dataset.kind;
  const n = Number(b.dataset.n);
  focusNode(debug.cy, kind, n);
  $('#node-details').innerHTML = nodeDetailsHtml(debug.detail, kind, n);
});
for (const b of document.querySelectorAll('[data-export]')) b.addEventListener('click', () => exportCluster(b.dataset.export));
window.addEventListener('hashchange', route);
window.addEventListener('resize', () => { for (const c of Object.values(debug.charts)) c.resize(); });
route();
