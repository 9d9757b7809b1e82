// Development only: serves web/dist/ with canned answers for the endpoints,
// for working on the pages without a built `zicht`. The end-to-end test
// (e2e/run.mjs) never uses this; it runs against the real `zicht serve`.
//
//   node dev/mock-server.mjs [port]     (analyst key: "dev")
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };

function mod97(iban) {
  const s = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let r = 0;
  for (const d of s) r = (r * 10 + Number(d)) % 97;
  return r === 1;
}

function validate({ kind, value }) {
  const v = String(value || '');
  if (kind === 'iban') {
    const n = v.replace(/\s/g, '').toUpperCase();
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(n)) return { valid: false, normalized: '', message: 'deze IBAN klopt niet: gebruik alleen letters en cijfers', message_en: 'this IBAN is not valid: use letters and digits only' };
    if (n.startsWith('NL') && n.length !== 18) return { valid: false, normalized: '', message: `deze IBAN klopt niet: een Nederlandse IBAN heeft 18 tekens, deze heeft er ${n.length}`, message_en: `this IBAN is not valid: a Dutch IBAN has 18 characters, this one has ${n.length}` };
    if (!mod97(n)) return { valid: false, normalized: '', message: 'deze IBAN klopt niet: de controlecijfers wijken af', message_en: 'this IBAN is not valid: the check digits do not match' };
    return { valid: true, normalized: n, message: 'deze IBAN klopt', message_en: 'this IBAN is valid' };
  }
  const d = v.replace(/[^\d+]/g, '');
  if (/^06\d{8}$/.test(d) || /^\+\d{9,15}$/.test(d)) return { valid: true, normalized: d.startsWith('06') ? `+31${d.slice(1)}` : d, message: 'dit telefoonnummer klopt', message_en: 'this phone number is valid' };
  return { valid: false, normalized: '', message: 'dit telefoonnummer klopt niet: te weinig cijfers', message_en: 'this phone number is not valid: too few digits' };
}

const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const ftypes = ['hulpvraagfraude', 'phishing', 'aankoopfraude'];
const stats = months.flatMap((m, i) => ftypes.map((t, j) => ({
  period: m, fraud_type: t, reports: 20 + i * 3 + j * 7, attempts: 12 + i + j, losses: 8 + 2 * i + 6 * j, damage_eur: 1000 * (i + 1) * (j + 1),
})));
const reports = Array.from({ length: 6 }, (_, n) => ({
  source: n % 2 ? 'politie' : 'fraudehelpdesk', id: `R-${n}`, reported_at: `2024-0${n + 1}-03T10:00:00Z`, fraud_type: 'hulpvraagfraude',
  outcome: n % 3 ? 'loss' : 'attempt', damage_eur: n % 3 ? 750 * n : 0, channel: 'whatsapp', victim: { age_band: '65-74', region: 'NL-OV' },
  text: 'Hoi mam, dit is mijn nieuwe nummer',
}));
const identifiers = [
  { kind: 'iban', canonical: 'NL91ABNA0417164300', roles: ['beneficiary'], reports: 4, mule: true, linkable: true },
  { kind: 'phone', canonical: '+31612345678', roles: ['contact'], reports: 3, mule: false, linkable: true },
  { kind: 'device', canonical: 'fp:9f2c4e', roles: ['suspect_device'], reports: 2, mule: false, linkable: true },
  { kind: 'url', canonical: 'https://betaal-nu.example/x', roles: ['payment_link'], reports: 2, mule: false, linkable: true },
  { kind: 'phone', canonical: '+31201234567', roles: ['spoofed'], reports: 1, mule: false, linkable: false },
];
const edges = [[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1], [4, 1], [2, 2], [5, 2], [4, 3], [5, 3], [3, 4]]
  .map(([report, identifier]) => ({ report, identifier, role: identifiers[identifier].roles[0] }));
const summary = {
  id: 'C-fraudehelpdesk-R-0', reports: 6, sources: 2, losses: 4, damage_eur: 9000, first_seen: '2024-01-03T10:00:00Z',
  last_seen: '2024-06-03T10:00:00Z', mules: 1, leads: 2, fraud_types: [{ fraud_type: 'hulpvraagfraude', reports: 6 }], score: 42.5,
  explanation: ['6 reports from 2 sources', '€9,000 damage', '1 money-mule IBAN', 'last report 3 weeks ago'],
};

const disputes = [
  { id: 1, partner: 'ing', kind: 'phone', value: '+31612345678', reason: 'nummer van een klant, misbruikt', state: 'open', opened_at: '2024-06-04T09:00:00Z', resolved_at: null, resolution: '' },
];

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  let body = '';
  for await (const chunk of req) body += chunk;
  const authed = ['Bearer dev', 'Bearer zk_dev_0000000000000000000000'].includes(req.headers.authorization);
  if (url.pathname === '/form/validate') return json(res, 200, validate(JSON.parse(body)));
  if (url.pathname === '/form/report') {
    const r = JSON.parse(body);
    if (!r.fraud_type) return json(res, 400, { error: { code: 'INVALID', message: 'fraud_type is missing' } });
    return json(res, 200, { reference: 'MF-2026-000042', status: 'accepted' });
  }
  if (url.pathname.startsWith('/v1/')) {
    if (!authed) return json(res, 401, { error: { code: 'UNAUTHORIZED', message: 'missing or unknown API key' } });
    if (url.pathname === '/v1/stats') return json(res, 200, { by: url.searchParams.get('by'), rows: stats });
    if (url.pathname === '/v1/clusters') return json(res, 200, { clusters: [summary, { ...summary, id: 'C-politie-X', score: 12, mules: 0 }] });
    if (url.pathname.startsWith('/v1/clusters/')) {
      const f = url.searchParams.get('format');
      if (f === 'graphml') { res.writeHead(200, { 'Content-Type': 'application/xml' }); return res.end('<?xml version="1.0"?><graphml/>'); }
      if (f === 'stix') return json(res, 200, { type: 'bundle', id: 'bundle--0', objects: [] });
      if (f) { res.writeHead(200, { 'Content-Type': 'text/plain' }); return res.end(`${f} export\n`); }
      return json(res, 200, { ...summary, reports, identifiers, edges });
    }
    if (url.pathname === '/v1/mules') return json(res, 200, { mules: [{ ...identifiers[0], cluster: { id: summary.id, reports: 6 } }] });
    if (url.pathname === '/v1/stats/outcomes') {
      return json(res, 200, { outcomes: [
        { partner: 'ing', rule: 'reports', alerts: 12, acted_on: 7, acted_on_share: 0.583, median_report_to_alert_s: 5400, median_alert_to_action_s: 93600, frozen_eur: 4200, recovered_eur: 1250.5, false_positives: 1, false_positive_rate: 0.083 },
        { partner: 'rabo', rule: 'beneficiary_loss', alerts: 5, acted_on: 2, acted_on_share: 0.4, median_report_to_alert_s: 40, median_alert_to_action_s: null, frozen_eur: 0, recovered_eur: 0, false_positives: 0, false_positive_rate: 0 },
      ] });
    }
    if (url.pathname === '/v1/disputes') {
      return json(res, 200, { disputes: disputes.filter((d) => url.searchParams.get('state') === 'all' || d.state === 'open') });
    }
    const resolve = url.pathname.match(/^\/v1\/disputes\/(\d+)\/resolve$/);
    if (resolve && req.method === 'POST') {
      const d = disputes.find((x) => x.id === Number(resolve[1]));
      const b = JSON.parse(body || '{}');
      if (!d) return json(res, 404, { error: { code: 'not_found', message: `no dispute ${resolve[1]}` } });
      if (!['upheld', 'rejected'].includes(b.state)) return json(res, 400, { error: { code: 'invalid_argument', message: "field 'state' must be upheld or rejected" } });
      if (!b.reason) return json(res, 400, { error: { code: 'invalid_argument', message: "field 'reason' is required" } });
      if (d.state !== 'open') return json(res, 400, { error: { code: 'invalid_argument', message: `dispute ${d.id} is already ${d.state}` } });
      Object.assign(d, { state: b.state, resolution: b.reason, resolved_at: new Date().toISOString() });
      return json(res, 200, { id: d.id, state: d.state });
    }
    if (url.pathname === '/v1/marks') {
      return json(res, 200, { marks: [
        { kind: 'iban', value: 'NL91ABNA0417164300', reasons: ['CONFIRMED_MULE'] },
        { kind: 'phone', value: '+31612345678', reasons: ['DISPUTED'] },
      ] });
    }
    if (url.pathname === '/v1/check') {
      const ids = JSON.parse(body).identifiers;
      return json(res, 200, { results: ids.map((i) => ({ kind: i.kind, value: i.value, normalized: i.value, valid: true, known: true, risk: 'high', reasons: ['REPORTED', 'MULE_CANDIDATE'], reports: 4, losses: 3, damage_eur: 5000, first_seen: '2024-01-03T10:00:00Z', last_seen: '2024-06-03T10:00:00Z', fraud_types: ['hulpvraagfraude'], cluster: { id: summary.id, reports: 6 } })) });
    }
    return json(res, 404, { error: { code: 'NOT_FOUND', message: 'no such endpoint' } });
  }
  const path = normalize(join(root, url.pathname === '/' ? 'index.html' : url.pathname));
  if (!path.startsWith(root)) { res.writeHead(403); return res.end(); }
  try {
    const data = await readFile(path);
    res.writeHead(200, { 'Content-Type': types[extname(path)] || 'application/octet-stream' });
    res.end(data);
  } catch {
    res.writeHead(404); res.end('not found');
  }
}).listen(Number(process.argv[2] || 8099), '127.0.0.1', function () {
  console.log(`mock listening on 127.0.0.1:${this.address().port}`);
});
