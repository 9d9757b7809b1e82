// The public report form. IBAN and phone number are checked as they are
// typed by the server's own rules (POST /form/validate), so the form never
// accepts what ingest would mark invalid and never rejects what it accepts.
// The report goes to POST /form/report; the server adds its reporter key, so
// no secret ever reaches the browser.
import {
  FRAUD_TYPES, CHANNELS, AGE_BANDS, REGIONS, applyLanguage, initialLanguage, language, t,
} from './i18n.js';

const $ = (sel) => document.querySelector(sel);
const CHECK_DELAY_MS = 350;

// ---- building the choices -------------------------------------------------

function buildChoices() {
  const box = $('#type-choices');
  for (const type of FRAUD_TYPES) {
    const id = `type-${type}`;
    const wrap = document.createElement('div');
    wrap.className = 'choice';
    wrap.innerHTML =
      `<input type="radio" name="fraud_type" id="${id}" value="${type}" aria-describedby="${id}-desc">` +
      `<label for="${id}"><span class="choice-title" data-i18n="type.${type}"></span>` +
      `<span class="choice-desc" id="${id}-desc" data-i18n="type.${type}.desc"></span></label>`;
    box.append(wrap);
  }
  fillSelect($('#channel'), [['', 'form.channel.none'], ...CHANNELS.map((c) => [c, `channel.${c}`])]);
  fillSelect($('#age_band'), [['', 'form.unknown'], ...AGE_BANDS.map((a) => [a, null, a])]);
  fillSelect($('#region'), [['', 'form.unknown'], ...REGIONS.map(([code, name]) => [code, null, name])]);
  $('#occurred_at').max = today();
}

function fillSelect(select, options) {
  for (const [value, key, text] of options) {
    const opt = document.createElement('option');
    opt.value = value;
    if (key) opt.dataset.i18n = key; else opt.textContent = text;
    select.append(opt);
  }
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// ---- field messages ---------------------------------------------------------

// Messages are kept as functions of the current language, so switching the
// language re-renders every message on the page in the new one.
const shown = new Map();  // field -> () => text
let summaryErrors = [];   // [field, () => text] of the last error summary

const textOf = (message) => (typeof message === 'function' ? message() : message || '');

function setError(field, message) {
  const el = document.getElementById(field);
  const out = document.getElementById(`${field}-error`);
  if (message) shown.set(field, message); else shown.delete(field);
  out.textContent = textOf(message);
  out.classList.remove('ok');
  if (el && el.tagName !== 'BUTTON') {
    if (message) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
  }
}

function setOk(field, message) {
  const out = document.getElementById(`${field}-error`);
  shown.delete(field);
  out.textContent = message;
  out.classList.add('ok');
  document.getElementById(field).removeAttribute('aria-invalid');
}

// ---- as-you-type checks -----------------------------------------------------

// Per kind: the last answer, and a sequence number so a slow earlier answer
// cannot overwrite a later one.
const checks = {
  iban: { seq: 0, timer: 0, last: null, pending: null },
  phone: { seq: 0, timer: 0, last: null, pending: null },
};

async function validate(kind, value) {
  const res = await fetch('/form/validate', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, value }),
  });
  if (!res.ok) throw new Error(`validate: HTTP ${res.status}`);
  return res.json();
}

//! The server's message for a checked field, in the current language.
function checkMessage(answer) {
  return language() === 'en' ? (answer.message_en || answer.message) : (answer.message || answer.message_en);
}

function showCheck(kind, answer) {
  if (!answer) return;
  if (answer.valid) setOk(kind, checkMessage(answer) || t(`form.ok.${kind}`));
  else setError(kind, () => checkMessage(answer));
}

//! Checks the field now; resolves to the answer (null when empty or the
//! check itself failed — then the server decides on submit).
function checkNow(kind) {
  const state = checks[kind];
  clearTimeout(state.timer);
  const value = document.getElementById(kind).value.trim();
  if (!value) {
    state.last = null;
    setError(kind, '');
    return Promise.resolve(null);
  }
  if (state.last && state.last.input === value) return Promise.resolve(state.last);
  const seq = ++state.seq;
  state.pending = validate(kind, value)
    .then((answer) => {
      answer.input = value;
      if (seq === state.seq) {
        state.last = answer;
        showCheck(kind, answer);
      }
      return answer;
    })
    .catch(() => null);
  return state.pending;
}

function wireCheck(kind) {
  const input = document.getElementById(kind);
  input.addEventListener('input', () => {
    const state = checks[kind];
    clearTimeout(state.timer);
    state.timer = setTimeout(() => checkNow(kind), CHECK_DELAY_MS);
  });
  input.addEventListener('blur', () => checkNow(kind));
}

// ---- submit -------------------------------------------------------------------

function looksLikeEmail(v) { return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v); }

function collect() {
  const v = (id) => document.getElementById(id).value.trim();
  const report = {
    reported_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    fraud_type: document.querySelector('input[name=fraud_type]:checked')?.value,
  };
  if (v('occurred_at')) report.occurred_at = v('occurred_at');
  if (v('channel')) report.channel = v('channel');
  // Sent as typed: the server reads "1.250" as € 1250 and "1.250,50", "€ 450"
  // by one rule (ingest/euro_amount.h); Number() made "1.250" € 1,25.
  if (v('damage_eur')) report.damage_eur = v('damage_eur');
  const victim = {};
  if (v('age_band')) victim.age_band = v('age_band');
  if (v('region')) victim.region = v('region');
  if (Object.keys(victim).length) report.victim = victim;
  const ids = [];
  if (v('iban')) ids.push({ kind: 'iban', value: v('iban'), role: 'beneficiary' });
  if (v('phone')) ids.push({ kind: 'phone', value: v('phone'), role: 'contact' });
  if (v('profile')) {
    ids.push({ kind: looksLikeEmail(v('profile')) ? 'email' : 'handle', value: v('profile'), role: 'contact' });
  }
  if (v('url')) {
    // A link pasted without its scheme ("betaal-nu.example/x") would not
    // normalise, and so never link to other reports of the same site.
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(v('url')) ? v('url') : `http://${v('url')}`;
    ids.push({ kind: 'url', value: url, role: $('#url_paid').checked ? 'payment_link' : 'website' });
  }
  report.identifiers = ids;
  if (v('text')) report.text = v('text');
  return report;
}

async function localErrors(report) {
  const errors = [];
  const add = (field, key) => {
    const message = () => t(key);
    setError(field, message);
    errors.push([field, message]);
  };
  for (const f of ['fraud_type', 'occurred_at', 'damage_eur', 'url', 'text']) setError(f, '');
  if (!report.fraud_type) add('fraud_type', 'form.err.type');
  if (report.occurred_at && report.occurred_at > today()) add('occurred_at', 'form.err.date');
  if ('damage_eur' in report) {
    const answer = await validate('damage_eur', report.damage_eur).catch(() => null);
    if (answer && !answer.valid) add('damage_eur', 'form.err.damage');
  }
  const url = report.identifiers.find((i) => i.kind === 'url');
  if (url && !/^(https?:\/\/)?[^\s/]+\.[^\s]{2,}/i.test(url.value)) add('url', 'form.err.url');
  if (!report.text && report.identifiers.length === 0) add('text', 'form.err.empty');
  for (const kind of ['iban', 'phone']) {
    const answer = await checkNow(kind);
    if (answer && !answer.valid) {
      showCheck(kind, answer);
      errors.push([kind, () => checkMessage(answer)]);
    }
  }
  return errors;
}

function showSummary(errors) {
  const box = $('#error-summary');
  const list = box.querySelector('ul');
  list.replaceChildren();
  summaryErrors = errors;
  if (!errors.length) { box.hidden = true; return; }
  for (const [field, message] of errors) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `#${field === 'fraud_type' ? 'type-' + FRAUD_TYPES[0] : field}`;
    a.textContent = textOf(message);
    li.append(a);
    list.append(li);
  }
  box.hidden = false;
  box.focus();
}

async function onSubmit(event) {
  event.preventDefault();
  const button = $('#submit');
  setError('submit', '');
  const report = collect();
  const errors = await localErrors(report);
  showSummary(errors);
  if (errors.length) return;
  button.disabled = true;
  button.textContent = t('form.sending');
  try {
    const res = await fetch('/form/report', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok || !body.reference) {
      // The server's own message is English and technical: the visitor
      // gets ours, in the page's language, for the error's code.
      const code = body?.error?.code;
      const key = ['rate_limited', 'unavailable', 'invalid_argument', 'too_large'].includes(code)
        ? `form.err.${code}` : 'form.err.server';
      setError('submit', () => t(key));
      showSummary([['submit', () => t(key)]]);
      return;
    }
    showDone(body.reference);
  } catch (_) {
    setError('submit', () => t('form.err.server'));
  } finally {
    button.disabled = false;
    button.textContent = t('form.submit');
  }
}

function showDone(reference) {
  $('#reference').textContent = reference;
  $('#form-view').hidden = true;
  $('#done-view').hidden = false;
  $('#done-title').focus();
}

function reset() {
  $('#report-form').reset();
  for (const kind of Object.keys(checks)) checks[kind].last = null;
  for (const f of ['fraud_type', 'occurred_at', 'damage_eur', 'url', 'text', 'iban', 'phone']) setError(f, '');
  showSummary([]);
  $('#done-view').hidden = true;
  $('#form-view').hidden = false;
  document.getElementById(`type-${FRAUD_TYPES[0]}`).focus();
}

// ---- start --------------------------------------------------------------------

buildChoices();
applyLanguage(initialLanguage());
wireCheck('iban');
wireCheck('phone');
$('#report-form').addEventListener('submit', onSubmit);
$('#again').addEventListener('click', reset);
$('#lang').addEventListener('click', () => {
  applyLanguage(language() === 'nl' ? 'en' : 'nl');
  $('#lang').lang = language() === 'nl' ? 'en' : 'nl';
  for (const kind of Object.keys(checks)) showCheck(kind, checks[kind].last);
  for (const [field, message] of shown) setError(field, message);
  if (summaryErrors.length) {
    const box = $('#error-summary');
    const wasFocused = box.contains(document.activeElement);
    showSummary(summaryErrors);
    if (!wasFocused) $('#lang').focus();
  }
});
$('#lang').lang = language() === 'nl' ? 'en' : 'nl';
