#!/usr/bin/env python3
"""Drives scripts/screening-add-batch as its --help shows it: a bad line is
named by file, line and field and left out; a line within the overlap rule of
an --against file or of an earlier kept line is dropped; kept lines get ids,
split and batch; no message text is printed.
  add_batch_test.py SOURCE_DIR"""
import json, os, subprocess, sys, tempfile

script = os.path.join(sys.argv[1], "scripts", "screening-add-batch")
failures = []
def expect(cond, what):
    if not cond:
        failures.append(what)

def line(text, label="phishing", family="parcel", **kw):
    d = {"text": text, "sender_known": False, "label": label, "family": family, "lang": "nl", "origin": "composed"}
    d.update(kw)
    return json.dumps(d)

with tempfile.TemporaryDirectory() as tmp:
    against = os.path.join(tmp, "corpus.jsonl")
    with open(against, "w") as f:
        f.write(line("Uw pakket ligt klaar, betaal de verzendkosten via postnl-bezorging.info") + "\n")
    raw = os.path.join(tmp, "raw.jsonl")
    with open(raw, "w") as f:
        f.write("\n".join([
            line("Hoi mam, mijn telefoon is kapot, dit is mijn nieuwe nummer", "hulpvraagfraude", "hulpvraag"),
            line("Uw pakket ligt klaar, betaal de verzendkosten via postnl-bezorging.info nu"),  # near corpus
            line("Je code is 123456, deel hem met niemand", "scam", "benign-2fa"),               # bad label
            "not json",
            line("Hoi mam, mijn telefoon is kapot, dit is mijn nieuwe nummer!", "hulpvraagfraude", "hulpvraag"),  # near line 1
            line("Uw verificatiecode is 482913. Deel deze code met niemand.", "none", "benign-2fa", lang="xx"),  # bad lang
            line("Je Tikkie voor de pizza van gisteren staat klaar", "none", "benign-friends"),
        ]) + "\n")
    out = os.path.join(tmp, "out.jsonl")
    r = subprocess.run([script, "--prefix", "t99a-", "--split", "train", "--batch", "v99-train", "--out", out,
                        "--against", against, "--", raw], capture_output=True, text=True)
    expect(r.returncode == 0, f"exit {r.returncode}, want 0 (lines were kept)")
    expect(f"{raw}:3: bad field label" in r.stderr, "bad label not named by file, line and field: " + r.stderr)
    expect(f"{raw}:4: not JSON" in r.stderr, "non-JSON line not named: " + r.stderr)
    expect(f"{raw}:6: bad field lang" in r.stderr, "bad lang not named: " + r.stderr)
    expect("dropped within the overlap rule: 2 scams, 0 benign" in r.stderr, "overlap drops: " + r.stderr)
    expect("kept 2 " in r.stderr and "invalid: 3" in r.stderr, "summary: " + r.stderr)
    expect("Tikkie" not in r.stderr and "mam" not in r.stderr, "a message text was printed")
    kept = [json.loads(l) for l in open(out)]
    expect([k["id"] for k in kept] == ["t99a-0001", "t99a-0002"], f"ids {[k['id'] for k in kept]}")
    expect(all(k["split"] == "train" and k["batch"] == "v99-train" for k in kept), "split/batch not set")

    only_bad = os.path.join(tmp, "bad.jsonl")
    with open(only_bad, "w") as f:
        f.write("not json\n")
    r = subprocess.run([script, "--prefix", "x-", "--split", "heldout", "--out", out, "--against", against, "--", only_bad],
                       capture_output=True, text=True)
    expect(r.returncode == 1, f"all lines invalid: exit {r.returncode}, want 1")
    r = subprocess.run([script, "--help"], capture_output=True, text=True)
    expect(r.returncode == 0 and "--prefix" in r.stdout and "blind7's overlap" in r.stdout, "--help")

for f in failures:
    print("FAIL:", f)
print("ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
