// The analyst dashboard: login with an API key, then trends, clusters by
// priority, a cluster's network graph, money mules, an identifier check, the
// effectiveness of alerts and disputes (the last two in outcomes.js).
// Views are sections of one page switched by the URL hash (#trends,
// #clusters, #cluster/ID, #mules, #check, #effect, #disputes), so the back
// button and links work.
import * as echarts from '/vendor/echarts.esm.min.mjs';
import {
  api, apiKey, setApiKey, ApiError, rowsOf, statRow, clusterSummary, clusterDetail, euros,
} from './api.js';
import { drawGraph, focusNode, legendHtml } from './graph.js';
import { addTexts, applyLanguage, initialLanguage, language, t } from './i18n.js';
import { texts } from './analyst_texts.js';
import {
  loadEffect, loadDisputes, openResolve, submitResolve, closeResolve, resolveFieldChanged, loadMarks, markBadges, markText,
} from './outcomes.js';

addTexts(texts);

//! t(key) with {name} placeholders filled from `values`.
function fmt(key, values = {}) {
  return t(key).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

const $ = (sel) => document.querySelector(sel);
const FRAUD_TYPES = [
  'hulpvraagfraude', 'bankhelpdeskfraude', 'aankoopfraude', 'verkoopfraude', 'phishing',
  'datingfraude', 'beleggingsfraude', 'identiteitsfraude', 'overig',
];
// Okabe-Ito-like palette, distinguishable for most colour-blind readers.
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8a7a00', '#4a5560', '#9b59b6'];
const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const int = new Intl.NumberFormat('nl-NL');
const eurCents = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

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

//! What outcomes.js needs of this page.
const ui = { fmt, status, handleError, esc, day };

function handleError(id, err) {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
    setApiKey(null);
    showLogin(t(err.status === 403 ? 'dash.login.forbidden' : 'dash.login.again'));
    return;
  }
  status(id, fmt('dash.load_failed', { msg: err.message }), true);
}

// ---- login ----------------------------------------------------------------------

// A notice for the login view that outlives the hash change a logout causes
// (route() shows the login view again on that change): a text key, so it
// follows a language switch.
let loginNotice = '';

function showLogin(message = loginNotice ? t(loginNotice) : '') {
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
  if (!key) { $('#login-error').textContent = t('dash.login.empty'); return; }
  setApiKey(key);
  try {
    await api.clusters(1);  // proves the key and the role before showing anything
  } catch (err) {
    setApiKey(null);
    $('#login-error').textContent = err instanceof ApiError && err.status === 401
      ? t('dash.login.unknown')
      : err instanceof ApiError && err.status === 403
        ? t('dash.login.forbidden')
        : fmt('dash.login.failed', { msg: err.message });
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
  const known = ['trends', 'clusters', 'cluster', 'mules', 'check', 'effect', 'disputes'];
  const name = known.includes(view) ? view : 'trends';
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== `view-${name}`;
  $('#nav').hidden = false;
  $('#logout').hidden = false;
  for (const a of document.querySelectorAll('#nav a')) {
    const current = a.dataset.view === name || (name === 'cluster' && a.dataset.view === 'clusters');
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const navKey = name === 'cluster' ? 'dash.nav.clusters' : `dash.nav.${name}`;
  document.title = `${t(navKey)} — ${t('dash.title')}`;
  if (name === 'trends') loadTrends();
  if (name === 'clusters') loadClusters();
  if (name === 'cluster') loadCluster(decodeURIComponent(rest.join('/')));
  if (name === 'mules') loadMules();
  if (name === 'effect') loadEffect(ui);
  if (name === 'disputes') loadDisputes(ui);
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
  status('trend-status', t('dash.loading'));
  let rows;
  try {
    rows = rowsOf(await api.stats(by, type), 'rows', 'stats', 'periods').map(statRow);
  } catch (err) { handleError('trend-status', err); return; }
  if (type) rows = rows.filter((r) => r.fraudType === type || r.fraudType === 'all');
  status('trend-status', rows.length ? '' : t('dash.trends.empty'));

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
    [t('dash.card.reports'), int.format(totals.reports)], [t('dash.card.attempts'), int.format(totals.attempts)],
    [t('dash.card.losses'), int.format(totals.losses)], [t('dash.card.damage'), eur.format(totals.damage)],
  ].map(([l, n]) => `<div class="card"><span class="num">${n}</span><span class="lbl">${l}</span></div>`).join('');

  chart('chart-outcome').setOption({
    color: ['#e69f00', '#b3001b', '#154273'],
    tooltip: { trigger: 'axis', valueFormatter: undefined },
    legend: { top: 0 },
    grid: { left: 60, right: 80, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: periods },
    yAxis: [
      { type: 'value', name: t('dash.axis.reports'), minInterval: 1 },
      { type: 'value', name: t('dash.axis.damage'), axisLabel: { formatter: (v) => int.format(v) } },
    ],
    dataZoom: periods.length > 30 ? [{ type: 'slider', bottom: 10 }] : [],
    series: [
      { name: t('dash.series.attempts'), type: 'bar', stack: 'outcome', data: periods.map((p) => per.get(p).attempts) },
      { name: t('dash.series.losses'), type: 'bar', stack: 'outcome', data: periods.map((p) => per.get(p).losses) },
      {
        name: t('dash.axis.damage'), type: 'line', yAxisIndex: 1, symbolSize: 5,
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
    yAxis: { type: 'value', name: t('dash.axis.reports'), minInterval: 1 },
    dataZoom: periods.length > 30 ? [{ type: 'slider', bottom: 10 }] : [],
    series: types.map((type) => ({
      name: typeName(type), type: 'bar', stack: 'types', emphasis: { focus: 'series' },
      data: periods.map((p) => cell.get(`${p}|${type}`)?.reports ?? 0),
    })),
  }, true);

  $('#trend-table').innerHTML =
    `<thead><tr><th>${t('dash.col.period')}</th><th>${t('dash.col.fraud_type')}</th><th class="num">${t('dash.col.reports')}</th>` +
    `<th class="num">${t('dash.col.attempts')}</th><th class="num">${t('dash.col.losses')}</th><th class="num">${t('dash.col.damage')}</th></tr></thead><tbody>` +
    rows.map((r) => `<tr><td>${esc(r.period)}</td><td>${esc(typeName(r.fraudType))}</td><td class="num">${int.format(r.reports)}</td>` +
      `<td class="num">${int.format(r.attempts)}</td><td class="num">${int.format(r.losses)}</td><td class="num">${eur.format(r.damage)}</td></tr>`).join('') +
    '</tbody>';
}

// ---- clusters --------------------------------------------------------------------------

//! Why a cluster ranks where it does. The server words it in English
//! (link/priority.cc); in Dutch the same facts are worded here from the
//! summary's own fields.
function explanation(c) {
  if (language() !== 'nl') return c.explanation;
  const n = (count, one, many) => `${int.format(count)} ${count === 1 ? one : many}`;
  const lines = [`${n(c.reports, 'melding', 'meldingen')} van ${n(c.sources, 'bron', 'bronnen')}`];
  if (c.damage > 0) lines.push(`${eurCents.format(c.damage)} schade bij ${n(c.losses, 'slachtoffer', 'slachtoffers')}`);
  else if (c.losses > 0) lines.push(`${n(c.losses, 'slachtoffer', 'slachtoffers')} met schade zonder bedrag`);
  else lines.push('alleen pogingen, geen schade');
  if (c.mules > 0) lines.push(n(c.mules, 'geldezel-IBAN', 'geldezel-IBANs'));
  if (c.leads > 0) lines.push(`${n(c.leads, 'aanknopingspunt', 'aanknopingspunten')} (IBAN bij een Nederlandse bank, Nederlands mobiel nummer)`);
  const last = typeof c.lastSeen === 'number' ? c.lastSeen * 1000 : Date.parse(c.lastSeen);
  if (!Number.isNaN(last)) {
    const days = Math.max(0, Math.floor((Date.now() - last) / 86400000));
    lines.push(days === 0 ? 'laatste melding vandaag' : `laatste melding ${n(days, 'dag', 'dagen')} geleden`);
  }
  return lines;
}

function explainList(items) {
  return items.length ? `<ul class="explain">${items.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '';
}

//! A fraud type's name in the page's language (the form's texts).
function typeName(type) {
  const key = `type.${type}`;
  const name = t(key);
  return name === key ? type : name;
}

function typesText(fts) {
  return fts.map((f) => (f.count != null ? `${typeName(f.type)} (${f.count})` : typeName(f.type))).join(', ');
}

async function loadClusters() {
  status('clusters-status', t('dash.loading'));
  let list;
  try {
    list = rowsOf(await api.clusters(100), 'clusters').map(clusterSummary);
  } catch (err) { handleError('clusters-status', err); return; }
  status('clusters-status', list.length ? fmt('dash.clusters.count', { n: list.length }) : t('dash.clusters.empty'));
  $('#clusters-table').innerHTML =
    `<thead><tr><th class="num">#</th><th>${t('dash.col.cluster')}</th><th class="num">${t('dash.col.score')}</th>` +
    `<th class="num">${t('dash.col.reports')}</th><th class="num">${t('dash.col.sources')}</th><th class="num">${t('dash.col.losses')}</th>` +
    `<th class="num">${t('dash.col.damage')}</th><th class="num">${t('dash.col.mules')}</th><th>${t('dash.col.last_seen')}</th>` +
    `<th>${t('dash.check.fraud_types')}</th><th>${t('dash.col.why')}</th></tr></thead><tbody>` +
    list.map((c, n) => `<tr><td class="num">${n + 1}</td>` +
      `<td class="nowrap"><a class="mono" href="#cluster/${encodeURIComponent(c.id)}">${esc(c.id)}</a></td>` +
      `<td class="num">${c.score.toFixed(1)}</td><td class="num">${c.reports}</td><td class="num">${c.sources}</td>` +
      `<td class="num">${c.losses}</td><td class="num">${eur.format(c.damage)}</td>` +
      `<td class="num">${c.mules ? `<span class="badge mule">${c.mules}</span>` : '0'}</td>` +
      `<td class="nowrap">${esc(day(c.lastSeen))}</td><td>${esc(typesText(c.fraudTypes))}</td><td>${explainList(explanation(c))}</td></tr>`).join('') +
    '</tbody>';
}

// ---- one cluster ---------------------------------------------------------------------------

function nodeDetailsHtml(detail, kind, index) {
  const marks = (i) => detail.marks?.get(`${i.kind}:${i.value}`);
  const row = (k, v) => (v === '' || v == null ? '' : `<dt>${esc(k)}</dt><dd>${v}</dd>`);
  if (kind === 'report') {
    const r = detail.reports[index];
    const ids = detail.edges.filter((e) => e.report === index)
      .map((e) => `${esc(detail.identifiers[e.identifier].kind)} <span class="mono">${esc(detail.identifiers[e.identifier].value)}</span> (${esc(e.role)})` +
        markBadges(ui, marks(detail.identifiers[e.identifier])));
    return `<h3>${t('dash.node.report')}</h3><dl>${row(t('dash.node.id'), `<span class="mono">${esc(r.id)}</span>`)}` +
      `${row(t('dash.node.source'), esc(r.source))}` +
      `${row(t('dash.node.reported'), esc(day(r.reported_at)))}${row(t('dash.node.occurred'), esc(day(r.occurred_at)))}` +
      `${row(t('dash.node.fraud_type'), esc(typeName(r.fraud_type)))}` +
      `${row(t('dash.node.outcome'), esc(r.outcome))}${row(t('dash.node.damage'), eur.format(euros(r)))}` +
      `${row(t('dash.node.channel'), esc(r.channel))}` +
      `${row(t('dash.node.victim'), esc([r.victim?.age_band, r.victim?.region].filter(Boolean).join(', ')))}` +
      `${row(t('dash.node.identifiers'), ids.join('<br>'))}${row(t('dash.node.text'), esc(r.text))}</dl>`;
  }
  const i = detail.identifiers[index];
  const reps = detail.edges.filter((e) => e.identifier === index)
    .map((e) => `<span class="mono">${esc(detail.reports[e.report].source)}/${esc(detail.reports[e.report].id)}</span> (${esc(e.role)})`);
  const check = `#check?kind=${encodeURIComponent(i.kind)}&value=${encodeURIComponent(i.value)}`;
  return `<h3>${esc(t(`kind.${i.kind}`))}${i.mule ? ` <span class="badge mule">${t('dash.node.mule')}</span>` : ''}${markBadges(ui, marks(i))}</h3>` +
    `<dl>${row(t('dash.node.value'), `<span class="mono">${esc(i.value)}</span>`)}${row(t('dash.node.roles'), esc(i.roles.join(', ')))}` +
    `${row(t('dash.node.all_reports'), i.reports ? int.format(i.reports) : '')}` +
    `${row(t('dash.node.linkable'), i.linkable ? t('dash.node.yes') : t('dash.node.no_linkable'))}` +
    `${row(t('dash.node.in_cluster'), reps.join('<br>'))}</dl><p><a href="${check}">${t('dash.node.check')}</a></p>`;
}

async function loadCluster(id) {
  $('#cluster-title').textContent = fmt('dash.cluster.title', { id });
  status('cluster-status', t('dash.loading'));
  status('export-status', '');  // the last cluster's export line is not this one's
  $('#node-details').innerHTML = `<p class="status-msg">${t('dash.cluster.pick')}</p>`;
  let detail;
  try {
    const [body, marks] = await Promise.all([api.cluster(id), loadMarks()]);
    detail = clusterDetail(body);
    detail.marks = marks;
  } catch (err) { handleError('cluster-status', err); return; }
  debug.detail = detail;
  const s = detail.summary;
  status('cluster-status', '');
  $('#cluster-cards').innerHTML = [
    [t('dash.card.score'), s.score.toFixed(1)], [t('dash.card.reports'), s.reports || detail.reports.length],
    [t('dash.card.sources'), s.sources], [t('dash.card.losses'), s.losses], [t('dash.card.damage'), eur.format(s.damage)],
    [t('dash.card.mules'), s.mules], [t('dash.card.first_seen'), day(s.firstSeen)], [t('dash.card.last_seen'), day(s.lastSeen)],
  ].map(([l, n]) => `<div class="card"><span class="num">${esc(n)}</span><span class="lbl">${l}</span></div>`).join('');
  $('#cluster-explain').innerHTML = explanation(s).map((e) => `<li>${esc(e)}</li>`).join('');
  $('#legend').innerHTML = legendHtml(t);

  const select = (kind, index) => { $('#node-details').innerHTML = nodeDetailsHtml(detail, kind, index); };
  if (debug.cy) debug.cy.destroy();
  const container = $('#graph');
  debug.cy = drawGraph(container, detail, select);
  container.dataset.nodes = String(debug.cy.nodes().length);
  container.dataset.edges = String(debug.cy.edges().length);

  const items = [
    ...detail.identifiers.map((i, n) => ({
      kind: 'identifier', n, text: `${t(`kind.${i.kind}`)}: ${i.value}${i.mule ? ` (${t('dash.node.mule')})` : ''}` +
        markText(detail.marks.get(`${i.kind}:${i.value}`)),
      mule: i.mule, marked: detail.marks.has(`${i.kind}:${i.value}`),
    })),
    ...detail.reports.map((r, n) => ({ kind: 'report', n, text: fmt('dash.node.list.report', { id: `${r.source}/${r.id}` }) })),
  ].sort((a, b) => Number(b.marked || 0) - Number(a.marked || 0) || Number(b.mule || 0) - Number(a.mule || 0));
  $('#node-list').innerHTML = items.map((it) =>
    `<li><button type="button" data-kind="${it.kind}" data-n="${it.n}">${esc(it.text)}</button></li>`).join('');

  $('#reports-count').textContent = `(${detail.reports.length})`;
  $('#reports-box').open = detail.reports.length <= 30;
  $('#cluster-reports').innerHTML =
    `<thead><tr><th>${t('dash.col.report')}</th><th>${t('dash.col.reported')}</th><th>${t('dash.col.fraud_type')}</th>` +
    `<th>${t('dash.col.outcome')}</th><th class="num">${t('dash.col.damage')}</th><th>${t('dash.col.channel')}</th>` +
    `<th>${t('dash.col.feedback')}</th></tr></thead><tbody>` +
    detail.reports.map((r, n) => `<tr><td class="mono">${esc(r.source)}/${esc(r.id)}</td><td>${esc(day(r.reported_at))}</td>` +
      `<td>${esc(typeName(r.fraud_type))}</td><td>${esc(r.outcome)}</td><td class="num">${eur.format(euros(r))}</td><td>${esc(r.channel)}</td>` +
      `<td>${reportMarks(detail, n)}</td></tr>`).join('') +
    '</tbody>';
}

//! The marks of a report's identifiers, each with the identifier it is
//! about (the cluster's report list, issue 15: outcomes next to the identifiers).
function reportMarks(detail, n) {
  return detail.edges.filter((e) => e.report === n)
    .map((e) => detail.identifiers[e.identifier])
    .filter((i) => detail.marks.has(`${i.kind}:${i.value}`))
    .map((i) => `<span class="mono">${esc(i.value)}</span>${markBadges(ui, detail.marks.get(`${i.kind}:${i.value}`))}`)
    .join('<br>');
}

async function exportCluster(format) {
  const id = decodeURIComponent(location.hash.slice('#cluster/'.length).split('?')[0]);
  const ext = { json: 'json', graphml: 'graphml', stix: 'stix.json', dot: 'dot' }[format];
  status('export-status', fmt('dash.cluster.preparing', { format }));
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
    status('export-status', fmt('dash.cluster.downloaded', { file: a.download }));
  } catch (err) { handleError('export-status', err); }
}

// ---- money mules ------------------------------------------------------------------------------

async function loadMules() {
  status('mules-status', t('dash.loading'));
  let mules;
  let muleMarks;
  try {
    [mules, muleMarks] = await Promise.all([muleList(), loadMarks()]);
  } catch (err) { handleError('mules-status', err); return; }
  status('mules-status', mules.length ? fmt('dash.mules.count', { n: mules.length }) : t('dash.mules.empty'));
  $('#mules-table').innerHTML =
    `<thead><tr><th>IBAN</th><th class="num">${t('dash.col.reports')}</th><th>${t('dash.col.roles')}</th>` +
    `<th>${t('dash.col.cluster')}</th><th>${t('dash.col.feedback')}</th><th></th></tr></thead><tbody>` +
    mules.map((m) => `<tr><td class="mono">${esc(m.value)}</td><td class="num">${m.reports}</td><td>${esc(m.roles.join(', '))}</td>` +
      `<td>${m.cluster ? `<a class="mono" href="#cluster/${encodeURIComponent(m.cluster)}">${esc(m.cluster)}</a>` : ''}</td>` +
      `<td>${markBadges(ui, muleMarks.get(`iban:${m.value}`))}</td>` +
      `<td><a href="#check?kind=iban&value=${encodeURIComponent(m.value)}">${t('dash.mules.check')}</a></td></tr>`).join('') +
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
  if (!value) { out.innerHTML = `<p class="error">${t('dash.check.empty')}</p>`; return; }
  out.innerHTML = `<p class="status-msg">${t('dash.check.checking')}</p>`;
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
    `<h2>${t('dash.check.risk')} <span class="badge ${esc(risk)}">${esc(t(`risk.${risk}`))}</span></h2><dl>` +
    row(t('dash.check.normalized'), `<span class="mono">${esc(r.normalized || '—')}</span>`) +
    row(t('dash.check.valid'), t(r.valid ? 'dash.yes' : 'dash.no')) + row(t('dash.check.known'), t(r.known ? 'dash.yes' : 'dash.no')) +
    row(t('dash.check.reasons'), esc((r.reasons || []).join(', '))) +
    row(t('dash.check.reports'), r.known ? int.format(r.reports ?? 0) : '') +
    row(t('dash.check.losses'), r.known ? int.format(r.losses ?? 0) : '') +
    row(t('dash.check.damage'), r.known ? eur.format(euros(r)) : '') +
    row(t('dash.check.first_seen'), esc(day(r.first_seen))) + row(t('dash.check.last_seen'), esc(day(r.last_seen))) +
    row(t('dash.check.fraud_types'), esc((r.fraud_types || []).map(typeName).join(', '))) +
    row(t('dash.check.cluster'), r.cluster?.id ? `<a class="mono" href="#cluster/${encodeURIComponent(r.cluster.id)}">${esc(r.cluster.id)}</a> ` +
      `(${esc(fmt('dash.check.cluster_reports', { n: r.cluster.reports }))})` : '') +
    '</dl></div>';
}

// ---- start ----------------------------------------------------------------------------------------

for (const type of FRAUD_TYPES) {
  $('#trend-type').insertAdjacentHTML('beforeend', `<option value="${type}" data-i18n="type.${type}">${type}</option>`);
}
$('#trend-by').addEventListener('change', loadTrends);
$('#trend-type').addEventListener('change', loadTrends);
$('#trend-controls').addEventListener('submit', (e) => e.preventDefault());
$('#login-form').addEventListener('submit', onLogin);
$('#logout').addEventListener('click', () => {
  setApiKey(null);
  loginNotice = 'dash.logged_out';
  location.hash = '';
  showLogin();
});
$('#check-form').addEventListener('submit', runCheck);
$('#disputes-state').addEventListener('change', () => loadDisputes(ui));
$('#disputes-controls').addEventListener('submit', (e) => e.preventDefault());
$('#disputes-table').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-resolve]');
  if (b) openResolve(ui, Number(b.dataset.resolve));
});
$('#resolve-form').addEventListener('submit', (e) => submitResolve(ui, e));
$('#resolve-form').addEventListener('input', () => resolveFieldChanged(ui));
$('#resolve-cancel').addEventListener('click', closeResolve);
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
// Dutch by default (?lang=en or the last choice otherwise); switching
// re-renders the view, so every text on screen is in the new language.
function switchLanguage(lang) {
  applyLanguage(lang);
  $('#lang').lang = language() === 'nl' ? 'en' : 'nl';
  const error = $('#login-error').textContent;
  if (!apiKey()) showLogin(error && loginNotice ? t(loginNotice) : ''); else route();
}
$('#lang').addEventListener('click', () => switchLanguage(language() === 'nl' ? 'en' : 'nl'));
switchLanguage(initialLanguage());
