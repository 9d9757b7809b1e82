#!/usr/bin/env node
// End-to-end test of the web app in headless Chromium against a real
// `zicht serve` on 127.0.0.1 with generated data (issue 6, docs/design.md "Web app").
//
//   node web/e2e/run.mjs --zicht build/src/cli/zicht [--screenshots DIR] [--keep]
//
// Steps: a temp dir; `zicht generate --reports 3000 --seed 7`; `zicht ingest`;
// an analyst and a reporter key; a bank (partner e2e-bank, a checker key)
// subscribed to bank code FVLB (Van Lanschot, which the generator never uses); `zicht serve --listen
// 127.0.0.1:0 --form-partner meldformulier --alert-rules` (only the
// covenant's rule: 3 reports); then the outcome scenario over the API
// (three FVLB accounts named in three reports each: three alerts; the bank
// blocks one and freezes € 1,000, calls one a false positive, which opens a
// dispute, and does nothing with the third); then each check below in the browser.
// Expected values (top cluster, its node count, a known money mule) come from
// the HTTP API, never from the page, so page and API are compared.
// Prints one line per check and closes with `N passed, M failed`; exit 0 only
// when all passed. Screenshots of each page go to --screenshots (default: the
// temp dir); `--screenshots docs/screenshots` refreshes the committed ones.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const FORM_PARTNER = 'meldformulier';
const BANK = 'e2e-bank';

// ---- arguments -----------------------------------------------------------------

function parseArgs(argv) {
  const opts = { zicht: process.env.ZICHT_BIN || '', screenshots: '', keep: false, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--zicht') opts.zicht = next();
    else if (a === '--screenshots') opts.screenshots = next();
    else if (a === '--chromium') opts.chromium = next();
    else if (a === '--keep') opts.keep = true;
    else if (a === '-h' || a === '--help') { console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 16).join('\n')); process.exit(0); }
    else usage(`unknown argument '${a}'`);
  }
  if (!opts.zicht) usage('--zicht PATH is required');
  return opts;
}

function usage(msg) {
  console.error(`e2e: ${msg}\nusage: node web/e2e/run.mjs --zicht PATH [--screenshots DIR] [--chromium PATH] [--keep]`);
  process.exit(2);
}

// ---- the zicht binary ---------------------------------------------------------------

function zicht(opts, args, { input, allowFail = false } = {}) {
  const r = spawnSync(opts.zicht, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`zicht ${args[0]}: ${r.error.message}`);
  if (r.status !== 0 && !allowFail) {
    throw new Error(`zicht ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().slice(0, 400)}`);
  }
  return r;
}

//! The key printed by `zicht keys add`: the longest token-like word in its
//! output (the command prints the key once, possibly with a short note).
function keyFrom(output) {
  const words = output.split(/[\s"'`,]+/).filter((w) => /^[A-Za-z0-9_\-.~+/=]{20,}$/.test(w));
  if (!words.length) throw new Error(`no API key in the output of zicht keys add: ${output.slice(0, 200)}`);
  return words.sort((a, b) => b.length - a.length)[0];
}

function startServer(opts, args) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(opts.zicht, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`zicht serve printed no address within 60 s: ${seen.slice(0, 400)}`)), 60000);
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/(?:listening on|http:\/\/)\s*(127\.0\.0\.1:\d+)/i) || seen.match(/(127\.0\.0\.1:[1-9]\d*)/);
      if (m) { clearTimeout(timer); resolveStart({ child, address: m[1] }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`zicht serve exited ${code}: ${seen.slice(0, 400)}`)); });
  });
}

// ---- helpers --------------------------------------------------------------------------

//! A valid Dutch IBAN that the generator will not have produced (random
//! account number at a made-up bank code, or at `bank`), with correct mod-97 check digits.
function freshIban(bank = 'ZTST') {
  const account = String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
  const digits = (bank + account + 'NL00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % 97;
  return `NL${String(98 - r).padStart(2, '0')}${bank}${account}`;
}

//! The same IBAN with its check digits changed: the as-you-type check must flag it.
function breakChecksum(iban) {
  const cd = Number(iban.slice(2, 4));
  return `${iban.slice(0, 2)}${String(cd === 97 ? 2 : cd + 1).padStart(2, '0')}${iban.slice(4)}`;
}

async function apiGet(base, key, path) {
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${key}`, 'X-Purpose': 'fraud-investigation' } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function apiPost(base, key, path, body, purpose = 'fraud-investigation') {
  const res = await fetch(base + path, {
    method: 'POST', headers: { Authorization: `Bearer ${key}`, 'X-Purpose': purpose, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function apiGetAs(base, key, path, purpose) {
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${key}`, 'X-Purpose': purpose } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

//! The outcome scenario the effectiveness, disputes and cluster checks
//! read: three accounts at bank code FVLB each named in three reports
//! (three `reports` alerts for the bank); the bank blocks the first and
//! freezes € 1,000 on it, calls the second a false positive (which opens a
//! dispute) and does nothing with the third. Returns the IBANs, the
//! dispute id and the first account's cluster.
async function outcomeScenario(base, analystKey, bankKey) {
  const ibans = [freshIban('FVLB'), freshIban('FVLB'), freshIban('FVLB')];
  const lines = [];
  ibans.forEach((iban, a) => {
    for (let n = 0; n < 3; n++) {
      lines.push(JSON.stringify({
        source: 'e2e-analist', id: `EFF-${a}-${n}`, reported_at: '2026-12-01T10:00:00Z', fraud_type: 'bankhelpdeskfraude',
        identifiers: [{ kind: 'iban', value: iban, role: 'beneficiary' }],
      }));
    }
  });
  const posted = await fetch(`${base}/v1/reports`, {
    method: 'POST', body: lines.join('\n') + '\n',
    headers: { Authorization: `Bearer ${analystKey}`, 'X-Purpose': 'fraud-investigation', 'Content-Type': 'application/x-ndjson' },
  });
  assert(posted.ok, `POST /v1/reports: HTTP ${posted.status} ${await posted.text()}`);
  let alerts = [];
  for (let i = 0; i < 100 && alerts.length < 3; i++) {
    alerts = firstArray(await apiGetAs(base, bankKey, '/v1/alerts', 'payment-screening'), 'alerts').filter((a) => a.rule === 'reports');
    if (alerts.length < 3) await new Promise((r) => setTimeout(r, 100));
  }
  assert(alerts.length === 3, `the bank got ${alerts.length} alerts, not 3`);
  const alertOf = (iban) => alerts.find((a) => a.normalized === iban).id;
  const feedback = (body) => apiPost(base, bankKey, '/v1/feedback', body, 'payment-screening');
  await feedback({ alert_id: alertOf(ibans[0]), outcome: 'account_blocked' });
  await feedback({ alert_id: alertOf(ibans[0]), outcome: 'funds_frozen', amount_eur: 1000 });
  const fp = await feedback({ alert_id: alertOf(ibans[1]), outcome: 'false_positive', reason: 'eigen rekening van het slachtoffer' });
  assert(Number.isInteger(fp.dispute_id), `a false positive opened no dispute: ${JSON.stringify(fp)}`);
  const verdict = firstArray(await apiPost(base, analystKey, '/v1/check', { identifiers: [{ kind: 'iban', value: ibans[0] }] }), 'results')[0];
  assert(verdict.cluster?.id, `the blocked account is in no cluster: ${JSON.stringify(verdict).slice(0, 300)}`);
  return { ibans, disputeId: fp.dispute_id, cluster: verdict.cluster.id };
}

function firstArray(body, ...names) {
  if (Array.isArray(body)) return body;
  for (const n of names) if (Array.isArray(body?.[n])) return body[n];
  return Object.values(body || {}).find(Array.isArray) || [];
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// ---- the test ---------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  opts.zicht = resolve(opts.zicht);
  let chromium;
  try {
    ({ chromium } = await import(join(webDir, 'node_modules', 'playwright-core', 'index.mjs')));
  } catch (err) {
    console.error(`e2e: playwright-core is not installed in web/node_modules (run scripts/bootstrap): ${err.message}`);
    process.exit(1);
  }
  assert(existsSync(opts.chromium), `no Chromium at ${opts.chromium} (run scripts/bootstrap)`);

  // web/dist is derived from web/src: rebuild so the test sees the current sources.
  const build = spawnSync(process.execPath, [join(webDir, 'build.mjs')], { encoding: 'utf8' });
  assert(build.status === 0, `npm run build failed: ${build.stderr}`);

  const tmp = mkdtempSync(join(tmpdir(), 'zicht-web-e2e-'));
  const shots = resolve(opts.screenshots || join(tmp, 'screenshots'));
  mkdirSync(shots, { recursive: true });
  const db = join(tmp, 'zicht.db');
  const keys = join(tmp, 'keys.toml');
  let server = null;
  let browser = null;
  const results = [];

  const cleanup = () => {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => { cleanup(); process.exit(1); });
  process.on('SIGTERM', () => { cleanup(); process.exit(1); });

  try {
    // Data and keys.
    const started0 = Date.now();
    const gen = zicht(opts, ['generate', '--reports', '3000', '--seed', '7']);
    const reports = join(tmp, 'reports.jsonl');
    writeFileSync(reports, gen.stdout);
    zicht(opts, ['ingest', reports, '--db', db]);
    const analystKey = keyFrom(zicht(opts, ['keys', 'add', '--partner', 'e2e-analist', '--role', 'analyst', '--legal-basis', 'e2e', '--keys', keys]).stdout);
    zicht(opts, ['keys', 'add', '--partner', FORM_PARTNER, '--role', 'reporter', '--legal-basis', 'e2e', '--keys', keys]);
    const bankKey = keyFrom(zicht(opts, ['keys', 'add', '--partner', BANK, '--role', 'checker', '--legal-basis', 'e2e', '--keys', keys]).stdout);
    zicht(opts, ['subscriptions', 'add', '--partner', BANK, '--bank-code', 'FVLB', '--db', db]);
    // Only the covenant's rule, so the scenario's counts are exact.
    const rules = join(tmp, 'alert-rules.toml');
    writeFileSync(rules, '[beneficiary_loss]\nenabled = false\n[mule_candidate]\nenabled = false\n' +
      '[priority_cluster]\nenabled = false\n[reports]\nenabled = true\nmin_reports = 3\nmin_sources = 1\n');

    const help = zicht(opts, ['serve', '--help'], { allowFail: true }).stdout;
    const serveArgs = ['serve', '--listen', '127.0.0.1:0', '--db', db, '--keys', keys, '--form-partner', FORM_PARTNER];
    const rootFlag = ['--web-root', '--web', '--static'].find((f) => new RegExp(`${f}\\b`).test(help));
    if (rootFlag) serveArgs.push(rootFlag, join(webDir, 'dist'));
    // A low form rate, so that the check of the form's rate-limit message
    // is refused after a few reports.
    if (/--form-rate\b/.test(help)) serveArgs.push('--form-rate', '3');
    serveArgs.push('--alert-rules', rules);
    const started = await startServer(opts, serveArgs);
    server = started.child;
    const base = `http://${started.address}`;
    console.log(`e2e: zicht serve on ${base} after ${((Date.now() - started0) / 1000).toFixed(1)} s of setup, screenshots in ${shots}`);
    const scenario = await outcomeScenario(base, analystKey, bankKey);

    browser = await chromium.launch({ executablePath: opts.chromium, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    const check = async (name, fn) => {
      const t0 = Date.now();
      try {
        await fn();
        results.push([name, true]);
        console.log(`ok    ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (err) {
        results.push([name, false]);
        console.log(`FAIL  ${name}: ${err.message.split('\n')[0]}`);
        await page.screenshot({ path: join(shots, `fail-${results.length}.png`) }).catch(() => {});
      }
    };

    const goodIban = freshIban();
    const badIban = breakChecksum(goodIban);

    await check('form: page loads in Dutch with every field labelled', async () => {
      await page.goto(`${base}/`);
      assert((await page.getAttribute('html', 'lang')) === 'nl', 'html lang is not nl');
      assert((await page.textContent('h1')).includes('Fraude melden'), 'no Dutch heading');
      const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
        .map((el) => el.id || el.name));
      assert(unlabelled.length === 0, `fields without a label: ${unlabelled.join(', ')}`);
      await page.keyboard.press('Tab');
      assert(await page.evaluate(() => document.activeElement.classList.contains('skip')), 'first Tab does not reach the skip link');
    });

    await check('form: a bad IBAN is flagged as it is typed', async () => {
      await page.fill('#iban', badIban);
      await page.waitForFunction(() => document.querySelector('#iban').getAttribute('aria-invalid') === 'true');
      const msg = (await page.textContent('#iban-error')).trim();
      assert(msg.length > 0, 'no message under the IBAN field');
      assert(/iban/i.test(msg), `message does not mention the IBAN: ${msg}`);
      assert((await page.getAttribute('#iban-error', 'aria-live')) === 'polite', 'IBAN message is not in an aria-live region');
      await page.evaluate(() => document.querySelector('#iban').scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(shots, 'form-error.png') });
    });

    await check('form: submitting with the bad IBAN is refused with an error summary', async () => {
      await page.check('#type-hulpvraagfraude');
      await page.fill('#text', 'Hoi mam, dit is mijn nieuwe nummer. Kun je dringend iets voor me betalen?');
      // As a Dutch victim types it: a thousands dot and a decimal comma.
      await page.fill('#damage_eur', '1.250,50');
      await page.fill('#phone', '06-41234567');
      await page.selectOption('#channel', 'whatsapp');
      // Wait for the phone's as-you-type answer first: its message line
      // appears above the button, and a click computed before that shift
      // landed beside the moved button (a CI run timed out here).
      await page.waitForFunction(() => document.querySelector('#phone-error').classList.contains('ok'));
      await page.click('#submit');
      await page.waitForSelector('#error-summary:not([hidden])');
      assert(await page.isHidden('#done-view'), 'confirmation shown for a bad IBAN');
    });

    await check('form: the good IBAN is accepted and confirmed with a reference', async () => {
      await page.fill('#iban', goodIban.replace(/(.{4})/g, '$1 ').trim());
      await page.waitForFunction(() => document.querySelector('#iban-error').classList.contains('ok'));
      await page.click('#submit');
      await page.waitForSelector('#done-view:not([hidden])');
      const ref = (await page.textContent('#reference')).trim();
      assert(/^MF-\S+$/.test(ref), `reference looks wrong: '${ref}'`);
      assert(await page.evaluate(() => document.activeElement.id === 'done-title'), 'focus did not move to the confirmation');
      await page.screenshot({ path: join(shots, 'form-confirmation.png'), fullPage: true });
    });

    await check('form: the submitted report is in the database', async () => {
      const out = zicht(opts, ['check', 'iban', goodIban, '--db', db, '--format', 'json']).stdout;
      let verdict;
      try { verdict = JSON.parse(out); } catch { verdict = JSON.parse(out.trim().split('\n')[0]); }
      const v = 'known' in verdict ? verdict : (verdict.results ?? [verdict])[0];
      assert(v.known === true && Number(v.reports) >= 1, `zicht check does not know the IBAN: ${out.slice(0, 300)}`);
      // "1.250,50" typed in the form is € 1,250.50 — not € 1.25 nor a refusal.
      assert(Number(v.damage_eur) === 1250.5, `the typed "1.250,50" was stored as € ${v.damage_eur}`);
      // …and the running server's index has it at once.
      const api = firstArray(await apiPost(base, analystKey, '/v1/check', { identifiers: [{ kind: 'iban', value: goodIban }] }), 'results')[0];
      assert(api.known === true, `POST /v1/check does not know the IBAN: ${JSON.stringify(api).slice(0, 200)}`);
    });

    await check('form: field errors follow a language switch', async () => {
      await page.goto(`${base}/`);
      await page.click('#submit');  // nothing filled in: the fraud type is missing
      await page.waitForSelector('#error-summary:not([hidden])');
      const nl = (await page.textContent('#fraud_type-error')).trim();
      assert(nl === 'Kies wat voor fraude het was.', `Dutch field error is '${nl}'`);
      await page.click('#lang');
      const en = (await page.textContent('#fraud_type-error')).trim();
      assert(en === 'Choose what kind of fraud it was.', `after switching to English the field error is '${en}'`);
      const summary = (await page.textContent('#error-summary ul')).trim();
      assert(summary.includes('Choose what kind of fraud'), `error summary still reads '${summary}'`);
      await page.click('#lang');  // back to Dutch
    });

    await check('form: a server refusal is explained in Dutch, not in the server\'s English', async () => {
      // The form may send 3 reports a minute from one address here
      // (--form-rate 3; one was sent above); the next ones are refused with
      // 429 and an English message.
      let refused = false;
      for (let i = 0; i < 5 && !refused; i++) {
        await page.goto(`${base}/`);
        await page.check('#type-aankoopfraude');
        await page.fill('#text', `Ik heb betaald voor een fiets die nooit kwam (${i}).`);
        await page.click('#submit');
        await page.waitForSelector('#done-view:not([hidden]), #error-summary:not([hidden])');
        refused = await page.isVisible('#error-summary');
      }
      assert(refused, 'the form was never rate-limited');
      const shown = (await page.textContent('#submit-error')).trim();
      assert(shown.startsWith('Er zijn vanaf dit adres te veel meldingen verstuurd'), `shown: '${shown}'`);
      assert(!/too many|try again/i.test(shown), `English server text in the Dutch form: '${shown}'`);
      await page.click('#lang');
      const en = (await page.textContent('#submit-error')).trim();
      assert(en.startsWith('Too many reports were sent'), `after switching to English: '${en}'`);
      await page.click('#lang');
    });

    await check('form: English switch, and on a phone screen nothing scrolls sideways', async () => {
      await page.goto(`${base}/`);
      await page.click('#lang');
      assert((await page.textContent('h1')).includes('Report fraud'), 'heading not in English');
      assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang not switched');
      await page.screenshot({ path: join(shots, 'form-english.png'), fullPage: false });
      await page.click('#lang');  // back to Dutch for the next visitor in this context
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${base}/`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
      await phone.fill('#iban', badIban);
      await phone.waitForFunction(() => document.querySelector('#iban').getAttribute('aria-invalid') === 'true');
      await phone.evaluate(() => document.querySelector('#iban-error').scrollIntoView({ block: 'center' }));
      await phone.screenshot({ path: join(shots, 'form-phone.png') });
      await phone.close();
    });

    // Analyst side: expectations from the API.
    const clusters = firstArray(await apiGet(base, analystKey, '/v1/clusters?top=5'), 'clusters');
    const top = clusters[0]?.summary ?? clusters[0];

    await check('analyst: before login only the login is shown, no navigation', async () => {
      await page.goto(`${base}/analyst.html?lang=nl`);
      await page.waitForSelector('#view-login:not([hidden])');
      assert(!(await page.isVisible('#nav')), 'the dashboard navigation is visible before login');
      assert(!(await page.isVisible('#logout')), 'the logout button is visible before login');
    });

    await check('analyst: the login is in Dutch, and in English after the switch', async () => {
      const title = (await page.textContent('#view-login h1')).trim();
      assert(title === 'Inloggen als analist', `login title is '${title}'`);
      assert(await page.evaluate(() => document.documentElement.lang) === 'nl', 'page language is not nl');
      await page.click('#lang');
      const en = (await page.textContent('#view-login h1')).trim();
      assert(en === 'Analyst login', `after switching the login title is '${en}'`);
      await page.click('#lang');
      assert((await page.textContent('#view-login h1')).trim() === 'Inloggen als analist', 'switching back failed');
    });

    await check('analyst: a wrong key is refused, the right key logs in', async () => {
      await page.goto(`${base}/analyst.html?lang=nl`);
      await page.fill('#api-key', 'not-a-real-key-0000000000');
      await page.click('#login-form button');
      await page.waitForFunction(() => document.querySelector('#login-error').textContent.length > 0);
      const refusal = (await page.textContent('#login-error')).trim();
      assert(refusal.startsWith('Deze sleutel is onbekend'), `the refusal is '${refusal}'`);
      await page.screenshot({ path: join(shots, 'analyst-login.png') });
      await page.fill('#api-key', analystKey);
      await page.click('#login-form button');
      await page.waitForSelector('#view-trends:not([hidden])');
      assert(await page.evaluate(() => sessionStorage.getItem('zicht.apiKey') !== null), 'key not in sessionStorage');
      assert(await page.evaluate(() => !Object.keys(localStorage).some((k) => k.includes('apiKey'))), 'key leaked to localStorage');
    });

    await check('analyst: the trend chart renders with data', async () => {
      await page.waitForSelector('#chart-outcome canvas');
      await page.waitForFunction(() => {
        const c = window.zichtDebug?.charts?.['chart-outcome'];
        return c && c.getOption().series.some((s) => s.data.some((v) => Number(v) > 0));
      });
      const sums = await page.evaluate(() => window.zichtDebug.charts['chart-outcome'].getOption().series
        .map((s) => s.data.reduce((a, b) => a + Number(b), 0)));
      assert(sums[0] + sums[1] > 0, `attempts + losses is ${sums[0] + sums[1]}`);
      const types = await page.evaluate(() => window.zichtDebug.charts['chart-types'].getOption().series.length);
      assert(types >= 2, `only ${types} fraud types in the per-type chart`);
      const cards = await page.$$eval('#trend-cards .lbl', (l) => l.map((e) => e.textContent));
      assert(cards.includes('Meldingen') && cards.includes('Slachtoffers met schade'), `Dutch cards: ${cards.join(', ')}`);
      await page.waitForTimeout(600);  // let the bars' entry animation finish for the screenshot
      await page.screenshot({ path: join(shots, 'analyst-trends.png'), fullPage: true });
      // Per week there are more periods than per month.
      const months = await page.evaluate(() => window.zichtDebug.charts['chart-outcome'].getOption().xAxis[0].data.length);
      await page.selectOption('#trend-by', 'week');
      await page.waitForFunction((m) => window.zichtDebug.charts['chart-outcome'].getOption().xAxis[0].data.length > m, months);
    });

    await check('analyst: cluster list by priority with explanations', async () => {
      assert(top && top.id, 'the API returned no clusters');
      await page.click('#nav a[data-view=clusters]');
      await page.waitForSelector('#clusters-table tbody tr');
      const firstId = (await page.textContent('#clusters-table tbody tr:first-child a')).trim();
      assert(firstId === top.id, `first row is ${firstId}, API says ${top.id}`);
      const explain = await page.$$eval('#clusters-table tbody tr:first-child ul.explain li', (li) => li.length);
      assert(explain > 0, 'no explanation for the top cluster');
      await page.screenshot({ path: join(shots, 'analyst-clusters.png'), fullPage: false });
    });

    await check('analyst: the top cluster\'s graph has the API\'s node count', async () => {
      const detail = await apiGet(base, analystKey, `/v1/clusters/${encodeURIComponent(top.id)}`);
      const expected = firstArray(detail.reports ?? []).length + (detail.identifiers ?? []).length;
      assert(expected > 2, `API cluster has ${expected} nodes`);
      await page.click('#clusters-table tbody tr:first-child a');
      await page.waitForSelector('#graph[data-nodes]');
      const nodes = Number(await page.getAttribute('#graph', 'data-nodes'));
      assert(nodes === expected, `graph has ${nodes} nodes, API has ${expected}`);
      assert(await page.$('#graph canvas'), 'no canvas in the graph');
      // Click a node (via the keyboard-friendly list) and see its details.
      await page.click('#node-list li:first-child button');
      await page.waitForFunction(() => document.querySelector('#node-details h3'));
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(shots, 'analyst-cluster.png'), fullPage: true });
    });

    await check('analyst: cluster export downloads JSON, GraphML and STIX', async () => {
      for (const [format, test] of [
        ['json', (s) => JSON.parse(s) && true],
        ['graphml', (s) => /<graphml/i.test(s)],
        ['stix', (s) => JSON.parse(s).type === 'bundle'],
      ]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export=${format}]`)]);
        const path = await download.path();
        const text = readFileSync(path, 'utf8');
        assert(test(text), `${format} export does not look right: ${text.slice(0, 120)}`);
      }
    });

    await check('analyst: the export status line belongs to the cluster it was made for', async () => {
      const line = (await page.textContent('#export-status')).trim();
      assert(line.length > 0, 'no export status after the downloads');
      const second = clusters[1]?.summary ?? clusters[1];
      assert(second && second.id, 'the API returned only one cluster');
      await page.evaluate((id) => { location.hash = `#cluster/${encodeURIComponent(id)}`; }, second.id);
      await page.waitForFunction((id) => document.querySelector('#cluster-title').textContent.includes(id), second.id);
      const after = (await page.textContent('#export-status')).trim();
      assert(after === '', `another cluster still shows '${after}'`);
    });

    await check('analyst: money-mule list and a known mule IBAN checks as high risk', async () => {
      const mules = firstArray(await apiGet(base, analystKey, '/v1/mules?top=10'), 'mules');
      assert(mules.length > 0, 'the API lists no money mules');
      const mule = mules[0].canonical ?? mules[0].normalized ?? mules[0].value;
      await page.click('#nav a[data-view=mules]');
      await page.waitForSelector('#mules-table tbody tr');
      const listed = await page.textContent('#mules-table');
      assert(listed.includes(mule), `mule ${mule} not in the list`);
      await page.screenshot({ path: join(shots, 'analyst-mules.png'), fullPage: false });
      await page.click('#nav a[data-view=check]');
      await page.selectOption('#check-kind', 'iban');
      await page.fill('#check-value', mule);
      await page.click('#check-form button');
      await page.waitForSelector('#check-card');
      const risk = await page.getAttribute('#check-card', 'data-risk');
      const apiRisk = firstArray(await apiPost(base, analystKey, '/v1/check', { identifiers: [{ kind: 'iban', value: mule }] }), 'results')[0].risk;
      assert(risk === 'high' && apiRisk === 'high', `risk shown ${risk}, API ${apiRisk}`);
      await page.screenshot({ path: join(shots, 'analyst-check.png'), fullPage: false });
    });

    await check('analyst: the effectiveness view shows the scenario\'s counts, as zicht stats --outcomes does', async () => {
      await page.click('#nav a[data-view=effect]');
      const row = `#effect-table tr[data-partner="${BANK}"][data-rule="reports"]`;
      await page.waitForSelector(row);
      const cell = async (col) => (await page.textContent(`${row} td[data-col=${col}]`)).replace(/\s+/g, ' ').trim();
      const got = { alerts: await cell('alerts'), acted: await cell('acted'), frozen: await cell('frozen'), fp: await cell('fp') };
      const want = { alerts: '3', acted: '1 (33%)', frozen: '€ 1.000,00', fp: '1 (33%)' };
      for (const k of Object.keys(want)) assert(got[k] === want[k], `${k}: the page shows '${got[k]}', the scenario makes '${want[k]}'`);
      assert((await page.textContent(`${row} td:nth-child(2)`)).trim() === 'meerdere meldingen (convenant)', 'rule not named in Dutch');
      // The same figures as the command line's.
      const cli = JSON.parse(zicht(opts, ['stats', '--outcomes', '--format', 'json', '--db', db]).stdout).outcomes
        .find((r) => r.partner === BANK && r.rule === 'reports');
      assert(cli && cli.alerts === 3 && cli.acted_on === 1 && cli.frozen_eur === 1000 && cli.false_positives === 1,
        `zicht stats --outcomes says ${JSON.stringify(cli)}`);
      const cards = await page.$$eval('#effect-cards .lbl', (l) => l.map((e) => e.textContent));
      assert(cards.includes('Waarschuwingen verstuurd'), `Dutch cards: ${cards.join(', ')}`);
      await page.screenshot({ path: join(shots, 'analyst-effect.png'), fullPage: true });
      // A switch re-renders the view (after reloading it): heading and rule follow.
      const ruleText = (want) => page.waitForFunction(([sel, w]) => document.querySelector(sel)?.textContent.trim() === w,
        [`${row} td:nth-child(2)`, want], { timeout: 10000 }).then(() => true, () => false);
      await page.click('#lang');
      const en = await ruleText('several reports (covenant)');
      const heading = (await page.textContent('#view-effect h1')).trim();
      await page.click('#lang');
      const back = await ruleText('meerdere meldingen (convenant)');
      assert(en, `in English the rule reads '${(await page.textContent(`${row} td:nth-child(2)`)).trim()}'`);
      assert(heading === 'Effectiveness of alerts', `in English the heading reads '${heading}'`);
      assert(back, 'switching back to Dutch did not rename the rule');
    });

    await check('analyst: a dispute resolved in the browser is in zicht disputes list and the audit log', async () => {
      const id = scenario.disputeId;
      await page.click('#nav a[data-view=disputes]');
      await page.waitForSelector(`#disputes-table tr[data-dispute="${id}"]`);
      const listed = await page.textContent(`#disputes-table tr[data-dispute="${id}"]`);
      assert(listed.includes(scenario.ibans[1]) && listed.includes(BANK), `the row reads '${listed.trim()}'`);
      await page.click(`#disputes-table button[data-resolve="${id}"]`);
      await page.waitForSelector('#resolve-form:not([hidden])');
      // Nothing chosen: the form says what is missing and sends nothing.
      await page.click('#resolve-form button[type=submit]');
      const need = (await page.textContent('#resolve-state-error')).trim();
      assert(need === 'Kies gegrond of afgewezen.', `without a decision the form says '${need}'`);
      await page.check('#resolve-upheld');
      await page.click('#resolve-form button[type=submit]');
      const needReason = (await page.textContent('#resolve-reason-error')).trim();
      assert(needReason.startsWith('Schrijf waarom'), `without a reason the form says '${needReason}'`);
      const before = JSON.parse(zicht(opts, ['disputes', 'list', '--format', 'json', '--db', db]).stdout);
      assert(before.some((d) => d.id === id && d.state === 'open'), 'the dispute was resolved before the decision was saved');
      const reason = 'Rekening van het slachtoffer zelf; bevestigd door de bank';
      await page.fill('#resolve-reason', reason);
      assert((await page.textContent('#resolve-reason-error')).trim() === '', 'the reason\'s message stays after it was written');
      await page.screenshot({ path: join(shots, 'analyst-disputes.png'), fullPage: true });
      await page.click('#resolve-form button[type=submit]');
      await page.waitForFunction((n) => document.querySelector('#disputes-status').textContent.includes(`Geschil ${n} is gegrond verklaard.`), id);
      assert(!(await page.$(`#disputes-table tr[data-dispute="${id}"]`)), 'the resolved dispute is still listed as open');
      const all = JSON.parse(zicht(opts, ['disputes', 'list', '--all', '--format', 'json', '--db', db]).stdout);
      const d = all.find((x) => x.id === id);
      assert(d && d.state === 'upheld' && d.resolution === reason, `zicht disputes list says ${JSON.stringify(d)}`);
      const audit = JSON.parse(zicht(opts, ['audit', '--db', db, '--format', 'json']).stdout);
      const entry = audit.find((e) => e.endpoint === 'POST /v1/disputes/{id}/resolve' && e.subject === `dispute/${id}`);
      assert(entry && entry.result === 'upheld' && entry.partner === 'e2e-analist', `audit entry: ${JSON.stringify(entry)}`);
      assert(!JSON.stringify(audit).includes(scenario.ibans[1]), 'the audit log holds the disputed IBAN');
      // The running server answers with the resolution.
      const v = firstArray(await apiPost(base, analystKey, '/v1/check', { identifiers: [{ kind: 'iban', value: scenario.ibans[1] }] }), 'results')[0];
      assert((v.reasons || []).includes('DISPUTE_UPHELD'), `the check says ${JSON.stringify(v.reasons)}`);
    });

    await check('analyst: outcomes show next to the identifiers in the cluster view and its report list', async () => {
      await page.evaluate((id) => { location.hash = `#cluster/${encodeURIComponent(id)}`; }, scenario.cluster);
      await page.waitForFunction((id) => document.querySelector('#cluster-title').textContent.includes(id) &&
        document.querySelector('#graph').dataset.nodes, scenario.cluster);
      await page.waitForSelector('#node-list li');
      const first = (await page.textContent('#node-list li:first-child')).trim();
      assert(first.includes(scenario.ibans[0]) && first.includes('bevestigde geldezel'), `first node in the list: '${first}'`);
      const marked = await page.$$eval('#cluster-reports [data-mark=CONFIRMED_MULE]', (b) => b.length);
      assert(marked === 3, `${marked} of the cluster's 3 reports show the confirmed mule`);
      // The bank's other outcome, frozen money, beside the mark: in the
      // report list and in the account's details, with its euros.
      const frozen = await page.$$eval('#cluster-reports [data-outcome=funds_frozen]', (b) => b.map((x) => x.textContent));
      assert(frozen.length === 3 && frozen.every((x) => x.includes('bevroren') && x.includes('1.000,00')),
        `the report list shows the frozen money as ${JSON.stringify(frozen)}`);
      await page.click('#node-list li:first-child button');
      await page.waitForSelector('#node-details [data-mark=CONFIRMED_MULE]');
      const details = (await page.textContent('#node-details [data-outcome=funds_frozen]')).trim();
      assert(details.includes('1.000,00') && details.includes(BANK), `the account's details say '${details}'`);
      await page.screenshot({ path: join(shots, 'analyst-cluster-outcomes.png'), fullPage: true });
    });

    await check('analyst: every view follows a language switch', async () => {
      await page.click('#nav a[data-view=mules]');
      await page.waitForSelector('#mules-table tbody tr');
      const nav = (await page.textContent('#nav a[data-view=mules]')).trim();
      assert(nav === 'Geldezels', `Dutch navigation says '${nav}'`);
      const head = (await page.textContent('#mules-table thead')).trim();
      assert(head.includes('meldingen'), `Dutch table head: '${head}'`);
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('#mules-table thead')?.textContent.includes('reports'));
      assert((await page.textContent('#nav a[data-view=mules]')).trim() === 'Money mules', 'navigation not in English');
      assert((await page.textContent('#view-mules h1')).trim() === 'Money mules', 'heading not in English');
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('#mules-table thead')?.textContent.includes('meldingen'));
    });

    await check('analyst: logging out says so and hides the dashboard', async () => {
      await page.click('#logout');
      await page.waitForSelector('#view-login:not([hidden])');
      await page.waitForTimeout(300);  // the hash change after logout must not wipe the notice
      const notice = (await page.textContent('#login-error')).trim();
      assert(notice === 'U bent uitgelogd.', `login view says '${notice}'`);
      assert(!(await page.isVisible('#nav')), 'navigation still visible after logout');
      assert(await page.evaluate(() => sessionStorage.getItem('zicht.apiKey') === null), 'key kept after logout');
    });

    await check('web app: JavaScript goes out compressed, with an ETag, and revalidates to 304', async () => {
      const info = await page.evaluate(async () => {
        const r = await fetch('/vendor/echarts.esm.min.mjs', { cache: 'no-store' });
        const body = await r.arrayBuffer();
        return { status: r.status, encoding: r.headers.get('content-encoding'), etag: r.headers.get('etag'),
          cacheControl: r.headers.get('cache-control'), size: body.byteLength };
      });
      assert(info.status === 200 && info.size > 1000000, `echarts: HTTP ${info.status}, ${info.size} bytes`);
      assert(['br', 'gzip'].includes(info.encoding), `echarts sent with Content-Encoding '${info.encoding}'`);
      assert(info.etag && info.cacheControl === 'no-cache', `ETag '${info.etag}', Cache-Control '${info.cacheControl}'`);
      // The transfer is what the compressed copy weighs, not the 1.1 MB.
      const sent = await page.evaluate(() => performance.getEntriesByType('resource')
        .filter((e) => e.name.endsWith('/vendor/echarts.esm.min.mjs')).map((e) => e.encodedBodySize));
      assert(sent.length && Math.max(...sent) < 500000, `echarts transfers ${sent.join(', ')} bytes`);
      const revalidated = await page.evaluate(async (etag) => {
        const r = await fetch('/vendor/echarts.esm.min.mjs', { cache: 'no-store', headers: { 'If-None-Match': etag } });
        return r.status;
      }, info.etag);
      assert(revalidated === 304, `revalidation with the ETag gave HTTP ${revalidated}`);
    });

    await check('no JavaScript errors on any page', async () => {
      assert(pageErrors.length === 0, pageErrors.join(' | '));
    });
  } catch (err) {
    results.push(['setup', false]);
    console.log(`FAIL  setup: ${err.message}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    cleanup();
  }

  const passed = results.filter((r) => r[1]).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
