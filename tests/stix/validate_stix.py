#!/usr/bin/python3
"""StixSchemaTest: `zicht cluster ID --format stix` validated against the
official STIX 2.1 JSON schemas (tests/data/stix/schemas, OASIS
cti-stix2-json-schemas, licence beside them).

Runs the real binary: generates a small data set with planted networks,
ingests it, exports the top clusters as STIX bundles and validates each
bundle against common/bundle.json and each object against the schema of its
type. The new SCO types of Zicht's extension definition have no official
schema; they are validated against common/cyber-observable-core.json and
must name the bundle's extension-definition in `extensions`.

usage: validate_stix.py ZICHT_BINARY SCHEMA_DIR
Needs Debian's python3-jsonschema (scripts/bootstrap installs it).
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"


def load_store(schema_dir):
    store = {}
    for root, _, files in os.walk(schema_dir):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(root, name)) as f:
                    schema = json.load(f)
                store[schema["$id"]] = schema
    return store


def validator(store, relative):
    schema = store[BASE + relative]
    resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def schema_of(obj_type, schema_dir):
    for folder in ("sdos", "sros", "observables", "common"):
        if os.path.exists(os.path.join(schema_dir, folder, obj_type + ".json")):
            return folder + "/" + obj_type + ".json"
    return None


def run(zicht, *args):
    r = subprocess.run([zicht, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"zicht {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def main():
    zicht, schema_dir = sys.argv[1], sys.argv[2]
    store = load_store(schema_dir)
    failures = 0
    checked = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "z.db")
        reports = os.path.join(tmp, "r.jsonl")
        run(zicht, "generate", "--reports", "2000", "--seed", "7", "--output", reports)
        run(zicht, "ingest", reports, "--db", db)
        clusters = json.loads(run(zicht, "clusters", "--top", "5", "--format", "json", "--db", db))
        ids = [c["id"] for c in clusters["clusters"]]
        if not ids:
            sys.exit("no clusters to export")
        for cid in ids:
            bundle = json.loads(run(zicht, "cluster", cid, "--format", "stix", "--db", db))
            # The envelope against common/bundle.json; the objects one by one
            # against their own type's schema below. (bundle.json's object
            # list names only some SDO types in its oneOf and sends the rest
            # — incident, grouping, extension-definition — to a branch that
            # both core.json and cyber-observable-core.json match, so its
            # oneOf rejects every valid incident: a limit of that schema.)
            envelope = dict(bundle, objects=[o for o in bundle["objects"] if o["type"] == "identity"])
            for e in validator(store, "common/bundle.json").iter_errors(envelope):
                failures += 1
                print(f"{cid}: bundle: {e.message[:300]}")
            if not bundle["objects"]:
                failures += 1
                print(f"{cid}: empty bundle")
            definitions = {o["id"] for o in bundle["objects"] if o["type"] == "extension-definition"}
            for obj in bundle["objects"]:
                t = obj["type"]
                if t.startswith("x-"):
                    failures += 1
                    print(f"{cid}: custom object {t}: STIX 2.1 wants an extension definition")
                relative = schema_of(t, schema_dir)
                if relative is None:  # a new SCO of the extension definition
                    relative = "common/cyber-observable-core.json"
                    exts = obj.get("extensions", {})
                    if not any(k in definitions and v.get("extension_type") == "new-sco" for k, v in exts.items()):
                        failures += 1
                        print(f"{cid}: {obj['id']}: new SCO without its extension definition")
                checked[t] = checked.get(t, 0) + 1
                for e in validator(store, relative).iter_errors(obj):
                    failures += 1
                    print(f"{cid}: {obj['id']} against {relative}: {e.message[:300]}")
    print("validated: " + ", ".join(f"{t} ×{n}" for t, n in sorted(checked.items())))
    for needed in ("extension-definition", "indicator", "incident", "grouping", "identity", "relationship"):
        if needed not in checked:
            failures += 1
            print(f"no {needed} in any bundle: the test would not cover it")
    if failures:
        sys.exit(f"{failures} schema violations")


if __name__ == "__main__":
    main()
