// What partners did with Zicht's alerts, in the analyst dashboard
// (docs/alerts.md; docs/web.md): the "Effectiveness" view (#effect, from
// GET /v1/stats/outcomes — the figures of `zicht stats --outcomes`), the
// "Disputes" view (#disputes: GET /v1/disputes, resolved with
// POST /v1/disputes/{id}/resolve, audited like `zicht disputes resolve`),
// and the marks shown next to identifiers elsewhere (GET /v1/marks:
// confirmed mule, disputed, dispute upheld, and every outcome partners
// reported — euros frozen or recovered, no action and why).
//
// The views get the dashboard's helpers (texts, status lines, error
// handling) from analyst.js through `ui`, so this file holds no second copy.
import { api, ApiError, rowsOf, outcomeRow, disputeRow, marksMap } from './api.js';
import { t } from './i18n.js';

const pct = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });
const int = new Intl.NumberFormat('nl-NL');
const eurCents = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const $ = (sel) => document.querySelector(sel);

//! An alert rule's name in the page's language; the wire name otherwise.
export function ruleName(rule) {
  const key = `dash.rule.${rule}`;
  const name = t(key);
  return name === key ? rule : name;
}

//! A median number of seconds as "45 s", "12 min", "5 u" / "5 h", "3 d".
export function duration(seconds) {
  if (seconds == null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} ${t('dash.unit.hours')}`;
  return `${Math.round(s / 86400)} ${t('dash.unit.days')}`;
}

// ---- effectiveness ----------------------------------------------------------------

export async function loadEffect(ui) {
  ui.status('effect-status', t('dash.loading'));
  let rows;
  try {
    rows = rowsOf(await api.outcomeStats(), 'outcomes').map(outcomeRow);
  } catch (err) { ui.handleError('effect-status', err); return; }
  ui.status('effect-status', rows.length
    ? ui.fmt(rows.length === 1 ? 'dash.effect.count_one' : 'dash.effect.count', { n: rows.length }) : t('dash.effect.empty'));
  const total = rows.reduce((a, r) => ({
    alerts: a.alerts + r.alerts, actedOn: a.actedOn + r.actedOn, frozen: a.frozen + r.frozen,
    recovered: a.recovered + r.recovered, falsePositives: a.falsePositives + r.falsePositives,
  }), { alerts: 0, actedOn: 0, frozen: 0, recovered: 0, falsePositives: 0 });
  $('#effect-cards').innerHTML = [
    ['alerts', t('dash.effect.card.alerts'), int.format(total.alerts)],
    ['acted', t('dash.effect.card.acted'), total.alerts ? pct.format(total.actedOn / total.alerts) : '—'],
    ['frozen', t('dash.effect.card.frozen'), eurCents.format(total.frozen)],
    ['recovered', t('dash.effect.card.recovered'), eurCents.format(total.recovered)],
    ['fp', t('dash.effect.card.fp'), total.alerts ? pct.format(total.falsePositives / total.alerts) : '—'],
  ].map(([k, l, n]) => `<div class="card" data-card="${k}"><span class="num">${ui.esc(n)}</span><span class="lbl">${l}</span></div>`).join('');
  const th = (key, num = false) => `<th${num ? ' class="num"' : ''}>${t(key)}</th>`;
  $('#effect-table').innerHTML =
    `<thead><tr>${th('dash.effect.col.partner')}${th('dash.effect.col.rule')}${th('dash.effect.col.alerts', true)}` +
    `${th('dash.effect.col.acted', true)}${th('dash.effect.col.report_to_alert', true)}${th('dash.effect.col.alert_to_action', true)}` +
    `${th('dash.effect.col.frozen', true)}${th('dash.effect.col.recovered', true)}${th('dash.effect.col.fp', true)}</tr></thead><tbody>` +
    rows.map((r) => `<tr data-partner="${ui.esc(r.partner)}" data-rule="${ui.esc(r.rule)}">` +
      `<td>${ui.esc(r.partner)}</td><td>${ui.esc(ruleName(r.rule))}</td>` +
      `<td class="num" data-col="alerts">${int.format(r.alerts)}</td>` +
      `<td class="num" data-col="acted">${int.format(r.actedOn)} (${pct.format(r.actedOnShare)})</td>` +
      `<td class="num">${duration(r.reportToAlert)}</td><td class="num">${duration(r.alertToAction)}</td>` +
      `<td class="num" data-col="frozen">${eurCents.format(r.frozen)}</td>` +
      `<td class="num" data-col="recovered">${eurCents.format(r.recovered)}</td>` +
      `<td class="num" data-col="fp">${int.format(r.falsePositives)} (${pct.format(r.falsePositiveRate)})</td></tr>`).join('') +
    '</tbody>';
}

// ---- disputes -------------------------------------------------------------------------

let disputesShown = [];

export async function loadDisputes(ui) {
  const state = $('#disputes-state').value;
  ui.status('disputes-status', t('dash.loading'));
  try {
    disputesShown = rowsOf(await api.disputes(state), 'disputes').map(disputeRow);
  } catch (err) { ui.handleError('disputes-status', err); return; }
  const n = disputesShown.length;
  const countKey = `dash.disputes.count${state === 'all' ? '_all' : ''}${n === 1 ? '_one' : ''}`;
  ui.status('disputes-status', n ? ui.fmt(countKey, { n }) : t(state === 'all' ? 'dash.disputes.empty_all' : 'dash.disputes.empty'));
  $('#disputes-table').innerHTML =
    `<thead><tr><th class="num">${t('dash.disputes.col.id')}</th><th>${t('dash.disputes.col.partner')}</th>` +
    `<th>${t('dash.disputes.col.identifier')}</th><th>${t('dash.disputes.col.reason')}</th>` +
    `<th>${t('dash.disputes.col.opened')}</th><th>${t('dash.disputes.col.state')}</th><th></th></tr></thead><tbody>` +
    disputesShown.map((d) => `<tr data-dispute="${d.id}"><td class="num">${d.id}</td><td>${ui.esc(d.partner)}</td>` +
      `<td>${ui.esc(t(`kind.${d.kind}`))} <span class="mono">${ui.esc(d.value)}</span></td><td>${ui.esc(d.reason)}</td>` +
      `<td class="nowrap">${ui.esc(ui.day(d.openedAt))}</td>` +
      `<td>${ui.esc(t(`dash.disputes.state.${d.state}`))}${d.resolution ? `: ${ui.esc(d.resolution)}` : ''}</td>` +
      `<td>${d.state === 'open'
        ? `<button type="button" class="secondary small" data-resolve="${d.id}">${t('dash.disputes.review')}</button>` : ''}</td></tr>`).join('') +
    '</tbody>';
  // A form left open for a dispute that is no longer listed goes away; one
  // still listed follows a language switch.
  const open = disputesShown.find((d) => d.id === Number($('#resolve-form').dataset.dispute || 0) && d.state === 'open');
  if (open) describeResolve(ui, open); else closeResolve();
}

function describeResolve(ui, d) {
  $('#resolve-title').textContent = ui.fmt('dash.disputes.resolve.title', { id: d.id });
  $('#resolve-what').textContent = `${t(`kind.${d.kind}`)} ${d.value} — ${d.partner}: ${d.reason}`;
}

export function closeResolve() {
  $('#resolve-form').hidden = true;
  $('#resolve-form').dataset.dispute = '';
}

//! Opens the resolution form for dispute `id` under the table.
export function openResolve(ui, id) {
  const d = disputesShown.find((x) => x.id === id);
  if (!d) return;
  const form = $('#resolve-form');
  form.dataset.dispute = String(id);
  describeResolve(ui, d);
  for (const r of form.querySelectorAll('input[name=resolve-state]')) r.checked = false;
  $('#resolve-reason').value = '';
  for (const id2 of ['resolve-state-error', 'resolve-reason-error', 'resolve-result']) ui.status(id2, '');
  form.hidden = false;
  $('#resolve-title').focus();
}

//! Clears a field's message once the field is filled in.
export function resolveFieldChanged(ui) {
  if ($('#resolve-form').querySelector('input[name=resolve-state]:checked')) ui.status('resolve-state-error', '');
  if ($('#resolve-reason').value.trim()) {
    ui.status('resolve-reason-error', '');
    $('#resolve-reason').removeAttribute('aria-invalid');
  }
}

export async function submitResolve(ui, event) {
  event.preventDefault();
  const id = Number($('#resolve-form').dataset.dispute || 0);
  const state = $('#resolve-form').querySelector('input[name=resolve-state]:checked')?.value;
  const reason = $('#resolve-reason').value.trim();
  ui.status('resolve-state-error', state ? '' : t('dash.disputes.resolve.need_state'), !state);
  ui.status('resolve-reason-error', reason ? '' : t('dash.disputes.resolve.need_reason'), !reason);
  $('#resolve-reason').toggleAttribute('aria-invalid', !reason);
  if (!state) { $('#resolve-upheld').focus(); return; }
  if (!reason) { $('#resolve-reason').focus(); return; }
  ui.status('resolve-result', t('dash.disputes.resolve.saving'));
  try {
    await api.resolveDispute(id, state, reason);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      ui.status('resolve-result', ui.fmt('dash.disputes.resolve.refused', { msg: err.message }), true);
      return;
    }
    ui.handleError('resolve-result', err);
    return;
  }
  closeResolve();
  await loadDisputes(ui);
  ui.status('disputes-status', ui.fmt(`dash.disputes.resolved.${state}`, { id }));
}

// ---- marks next to identifiers -----------------------------------------------------------

//! The marks of every identifier (GET /v1/marks), or an empty map when the
//! read fails: the views they decorate still show.
export async function loadMarks() {
  try {
    return marksMap(await api.marks());
  } catch (_) {
    return new Map();
  }
}

//! One outcome as text: "bevroren € 1.000,00 (bank)", "geen actie ×2 (bank):
//! klant onbereikbaar".
function outcomeText(o) {
  const label = t(`dash.outcome.${o.outcome}`);
  const name = label === `dash.outcome.${o.outcome}` ? o.outcome : label;
  const amount = o.amountEur == null ? '' : ` ${eurCents.format(o.amountEur)}`;
  const times = o.count > 1 ? ` ×${int.format(o.count)}` : '';
  const who = o.partners.length ? ` (${o.partners.join(', ')})` : '';
  const why = o.reasons.length ? `: ${o.reasons.join('; ')}` : '';
  return `${name}${amount}${times}${who}${why}`;
}

//! Badges for what partners reported back on one identifier (a marksMap
//! value): its reason codes, then each outcome with its euros, count,
//! partners and reasons ('' when none).
export function markBadges(ui, mark) {
  const codes = (mark?.reasons ?? []).map((c) =>
    ` <span class="badge mark ${c.toLowerCase()}" data-mark="${c}">${ui.esc(t(`dash.mark.${c}`))}</span>`);
  const outcomes = (mark?.outcomes ?? []).map((o) =>
    ` <span class="badge mark outcome" data-outcome="${ui.esc(o.outcome)}">${ui.esc(outcomeText(o))}</span>`);
  return [...codes, ...outcomes].join('');
}

//! The same as plain text, for lists of buttons: " (bevestigde geldezel,
//! bevroren € 1.000,00 (bank))".
export function markText(mark) {
  const parts = [...(mark?.reasons ?? []).map((c) => t(`dash.mark.${c}`)), ...(mark?.outcomes ?? []).map(outcomeText)];
  return parts.length ? ` (${parts.join(', ')})` : '';
}
