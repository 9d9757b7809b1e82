// The analyst API client: every call carries the analyst's key as a Bearer
// token. The key lives in sessionStorage only (gone when the tab closes) and
// never in a URL, so it does not end up in server logs or browser history.

const KEY = 'zicht.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
}

async function call(method, path, body, accept = 'json') {
  const headers = { Authorization: `Bearer ${apiKey() || ''}`, 'X-Purpose': 'fraud-investigation' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = `${res.status} ${res.statusText}`;
    try {
      const err = (await res.json()).error;
      if (err) { code = err.code || code; message = err.message || message; }
    } catch (_) { /* not JSON */ }
    throw new ApiError(res.status, code, message);
  }
  if (accept === 'blob') return res.blob();
  return res.json();
}

export const api = {
  stats: (by, type) => call('GET', `/v1/stats?by=${encodeURIComponent(by)}${type ? `&type=${encodeURIComponent(type)}` : ''}`),
  clusters: (top) => call('GET', `/v1/clusters?top=${top}`),
  cluster: (id) => call('GET', `/v1/clusters/${encodeURIComponent(id)}`),
  clusterExport: (id, format) =>
    call('GET', `/v1/clusters/${encodeURIComponent(id)}${format === 'json' ? '' : `?format=${format}`}`, undefined, 'blob'),
  mules: (top) => call('GET', `/v1/mules?top=${top}`),
  check: (identifiers) => call('POST', '/v1/check', { identifiers }),
  outcomeStats: () => call('GET', '/v1/stats/outcomes'),
  disputes: (state) => call('GET', `/v1/disputes?state=${state === 'all' ? 'all' : 'open'}`),
  resolveDispute: (id, state, reason) =>
    call('POST', `/v1/disputes/${encodeURIComponent(id)}/resolve`, { state, reason }),
  marks: () => call('GET', '/v1/marks'),
};

// ---- shape adapters ----------------------------------------------------------
// The views read these normalised shapes, so a renamed field in the server's
// JSON is fixed here, in one place.

//! The first array in a response: the response itself, or its rows/stats/
//! clusters/... member.
export function rowsOf(body, ...names) {
  if (Array.isArray(body)) return body;
  for (const n of names) if (Array.isArray(body?.[n])) return body[n];
  for (const v of Object.values(body || {})) if (Array.isArray(v)) return v;
  return [];
}

export function euros(obj) {
  if (obj == null) return 0;
  if (typeof obj.damage_eur === 'number') return obj.damage_eur;
  if (typeof obj.damage_cents === 'number') return obj.damage_cents / 100;
  return 0;
}

export function statRow(r) {
  return {
    period: String(r.period ?? r.week ?? r.month ?? r.bucket ?? ''),
    fraudType: r.fraud_type ?? r.type ?? 'all',
    reports: Number(r.reports ?? r.count ?? 0),
    attempts: Number(r.attempts ?? 0),
    losses: Number(r.losses ?? 0),
    damage: euros(r),
  };
}

export function clusterSummary(c) {
  const s = c.cluster || c.summary || c;
  return {
    id: s.id ?? s.cluster_id,
    // A cluster detail names the count report_count, its reports being a list.
    reports: Number(typeof s.reports === 'number' ? s.reports : s.report_count ?? 0),
    sources: Number(s.sources ?? 0),
    losses: Number(s.losses ?? 0),
    damage: euros(s),
    mules: Number(s.mules ?? 0),
    leads: Number(s.leads ?? 0),
    score: Number(s.score ?? 0),
    firstSeen: s.first_seen,
    lastSeen: s.last_seen,
    fraudTypes: normaliseFraudTypes(s.fraud_types),
    explanation: Array.isArray(s.explanation) ? s.explanation : (s.explanation ? [String(s.explanation)] : []),
  };
}

function normaliseFraudTypes(ft) {
  if (!ft) return [];
  if (Array.isArray(ft)) {
    return ft.map((x) => (typeof x === 'string' ? { type: x, count: null }
      : Array.isArray(x) ? { type: x[0], count: x[1] }
        : { type: x.fraud_type ?? x.type, count: x.reports ?? x.count ?? null }));
  }
  return Object.entries(ft).map(([type, count]) => ({ type, count }));
}

function reportKey(r) { return `${r.source}/${r.id}`; }

//! A cluster detail as {summary, reports[], identifiers[], edges[{report, identifier, role}]}
//! with edges as indexes into reports and identifiers.
export function clusterDetail(body) {
  const summary = clusterSummary(body);
  const reports = rowsOf(body.reports ?? [], 'reports');
  const identifiers = (body.identifiers ?? []).map((i) => ({
    kind: i.kind,
    value: i.canonical ?? i.normalized ?? i.value,
    roles: i.roles ?? (i.role ? [i.role] : []),
    reports: Number(i.reports ?? 0),
    mule: Boolean(i.mule ?? i.mule_candidate),
    linkable: i.linkable !== false,
  }));
  const reportIndex = new Map(reports.map((r, n) => [reportKey(r), n]));
  const identIndex = new Map(identifiers.map((i, n) => [`${i.kind}:${i.value}`, n]));
  let edges = [];
  if (Array.isArray(body.edges) && body.edges.length) {
    edges = body.edges.map((e) => {
      let report = e.report;
      let identifier = e.identifier;
      if (typeof report !== 'number') {
        report = reportIndex.get(typeof report === 'object' ? reportKey(report) : String(report))
          ?? reportIndex.get(`${e.source}/${e.report_id ?? e.id}`);
      }
      if (typeof identifier !== 'number') {
        identifier = typeof identifier === 'object'
          ? identIndex.get(`${identifier.kind}:${identifier.canonical ?? identifier.value}`)
          : identIndex.get(`${e.kind}:${e.canonical ?? e.value ?? identifier}`);
      }
      return { report, identifier, role: e.role };
    }).filter((e) => e.report != null && e.identifier != null);
  } else {
    // No edge list: derive it from each report's identifiers.
    reports.forEach((r, n) => {
      for (const id of r.identifiers ?? []) {
        const m = identIndex.get(`${id.kind}:${id.normalized ?? id.canonical ?? id.value}`);
        if (m != null) edges.push({ report: n, identifier: m, role: id.role });
      }
    });
  }
  return { summary, reports, identifiers, edges };
}

//! One row of GET /v1/stats/outcomes (per partner and rule).
export function outcomeRow(r) {
  const num = (v) => (v == null ? null : Number(v));
  return {
    partner: String(r.partner ?? ''),
    rule: String(r.rule ?? ''),
    alerts: Number(r.alerts ?? 0),
    actedOn: Number(r.acted_on ?? 0),
    actedOnShare: Number(r.acted_on_share ?? 0),
    reportToAlert: num(r.median_report_to_alert_s),
    alertToAction: num(r.median_alert_to_action_s),
    frozen: Number(r.frozen_eur ?? 0),
    recovered: Number(r.recovered_eur ?? 0),
    falsePositives: Number(r.false_positives ?? 0),
    falsePositiveRate: Number(r.false_positive_rate ?? 0),
  };
}

//! One dispute of GET /v1/disputes.
export function disputeRow(d) {
  return {
    id: Number(d.id),
    partner: String(d.partner ?? ''),
    kind: String(d.kind ?? ''),
    value: String(d.value ?? d.normalized ?? ''),
    reason: String(d.reason ?? ''),
    state: String(d.state ?? 'open'),
    openedAt: d.opened_at ?? null,
    resolvedAt: d.resolved_at ?? null,
    resolution: String(d.resolution ?? ''),
  };
}

//! GET /v1/marks as a Map from "kind:value" to what partners reported
//! back on it: `reasons`, its reason codes (CONFIRMED_MULE, DISPUTED,
//! DISPUTE_UPHELD), and `outcomes`, one entry per outcome
//! ({outcome, count, amountEur|null, partners, reasons}).
export function marksMap(body) {
  return new Map(rowsOf(body, 'marks').map((m) => [`${m.kind}:${m.value}`, {
    reasons: Array.isArray(m.reasons) ? m.reasons.map(String) : [],
    outcomes: (Array.isArray(m.outcomes) ? m.outcomes : []).map((o) => ({
      outcome: String(o.outcome ?? ''),
      count: Number(o.count ?? 0),
      amountEur: o.amount_eur == null ? null : Number(o.amount_eur),
      partners: Array.isArray(o.partners) ? o.partners.map(String) : [],
      reasons: Array.isArray(o.reasons) ? o.reasons.map(String) : [],
    })),
  }]));
}
