// Checks every HTTP response the server tests saw against docs/openapi.yaml:
// the path and method are in the document, the status code is documented
// for that operation, the content type is one the operation declares, and a
// JSON body validates against the declared schema (Ajv, with the document's
// own components). Run by the CTest test `openapi_responses` after the
// server tests have written their records.
//
//   node web/tools/openapi-responses.mjs docs/openapi.yaml RECORD-DIR
//
// RECORD-DIR holds *.jsonl files of {"method","target","status",
// "content_type","body"} (src/server/test_http_client.cc). Exit 1 with one
// line per mismatch, also when no response was recorded at all.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const [docPath, recordDir] = process.argv.slice(2);
if (!docPath || !recordDir) {
  console.error('usage: openapi-responses.mjs OPENAPI.yaml RECORD-DIR');
  process.exit(2);
}
const doc = yaml.load(readFileSync(docPath, 'utf8'));

// OpenAPI 3.0 schema objects are JSON Schema with a few extra keywords:
// `nullable` is turned into a type union below; `example` is an annotation.
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'nullable' || k === 'example') continue;
    out[k] = toJsonSchema(v);
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
    if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: toJsonSchema(doc.components), paths: toJsonSchema(doc.paths) });

const pointer = (...parts) => parts.map((p) => encodeURIComponent(String(p).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

function deref(obj) {
  while (obj && obj.$ref) {
    const parts = obj.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    obj = parts.reduce((o, p) => o?.[p], doc);
  }
  return obj;
}

// Path templates, literal ones first so /v1/clusters never matches {id}.
const templates = Object.keys(doc.paths)
  .map((p) => ({ path: p, re: new RegExp(`^${p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
  .sort((a, b) => (a.path.includes('{') ? 1 : 0) - (b.path.includes('{') ? 1 : 0));

const errorSchema = 'openapi#/' + pointer('components', 'responses', 'Error', 'content', 'application/json', 'schema');
const problems = [];
let checked = 0;
let withSchema = 0;
let webFiles = 0;

function checkBody(where, schemaRef, body) {
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    problems.push(`${where}: body is not JSON`);
    return;
  }
  const validate = ajv.getSchema(schemaRef);
  if (!validate) {
    problems.push(`${where}: no schema at ${schemaRef}`);
    return;
  }
  withSchema++;
  if (!validate(value)) {
    const errs = validate.errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    problems.push(`${where}: body does not match the schema: ${errs}`);
  }
}

const files = existsSync(recordDir) ? readdirSync(recordDir).filter((f) => f.endsWith('.jsonl')) : [];
for (const file of files) {
  for (const line of readFileSync(join(recordDir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    const url = new URL(r.target, 'http://127.0.0.1');
    const path = url.pathname;
    const method = r.method.toLowerCase() === 'head' ? 'get' : r.method.toLowerCase();
    const where = `${r.method} ${r.target} -> ${r.status}`;
    const match = templates.find((t) => t.re.test(path));
    if (!match) {
      // Outside the API: the web app's files. An unknown /v1 or /form path
      // must be the documented 404 error.
      if (!path.startsWith('/v1/') && !path.startsWith('/form/')) {
        webFiles++;
        continue;
      }
      checked++;
      if (r.status !== 404) problems.push(`${where}: no such path in the document, yet not 404`);
      else checkBody(where, errorSchema, r.body);
      continue;
    }
    checked++;
    const op = doc.paths[match.path][method];
    if (!op) {
      // A method the path does not have: the documented 405 error.
      if (r.status !== 405) problems.push(`${where}: method not in the document for ${match.path}, yet not 405`);
      else checkBody(where, errorSchema, r.body);
      continue;
    }
    const response = deref(op.responses?.[String(r.status)]);
    if (!response) {
      problems.push(`${where}: status ${r.status} is not documented for ${r.method} ${match.path}`);
      continue;
    }
    if (!response.content || r.method === 'HEAD') continue;
    const type = (r.content_type || '').split(';')[0].trim().toLowerCase();
    const media = Object.keys(response.content).find((m) => m.toLowerCase() === type);
    if (!media) {
      problems.push(`${where}: content type '${r.content_type}' is not documented (${Object.keys(response.content).join(', ')})`);
      continue;
    }
    if (!/json$/.test(media)) continue;
    const ref = op.responses[String(r.status)].$ref
      ? 'openapi#/' + op.responses[String(r.status)].$ref.replace(/^#\//, '').split('/').map((p) => encodeURIComponent(p)).join('/') +
        '/' + pointer('content', media, 'schema')
      : 'openapi#/' + pointer('paths', match.path, method, 'responses', String(r.status), 'content', media, 'schema');
    checkBody(where, ref, r.body);
  }
}

for (const p of [...new Set(problems)]) console.log(p);
console.log(`openapi-responses: ${checked} API responses checked (${withSchema} bodies against a schema), ` +
  `${webFiles} web-app file responses skipped, ${problems.length} problems`);
if (checked === 0) {
  console.log('openapi-responses: no API response was recorded; did the server tests run?');
  process.exit(1);
}
process.exit(problems.length ? 1 : 0);
