"""Writes the §1/§2 table of plans/storage-by-entity/PLAN.md from map.py and callers.tsv."""
import re, glob, sys, os, collections
sys.path.insert(0, os.path.dirname(__file__))
from map import MAP, INTERNAL, GROUP
defs = {}
for f in glob.glob("src/storage/*.rs"):
    for i, l in enumerate(open(f).read().split("\n"), 1):
        m = re.match(r"pub(\(crate\))?\s+(async\s+)?(fn|struct|enum|trait|const|type)\s+(\w+)", l)
        if m: defs.setdefault(m.group(4), (os.path.basename(f)[:-3], i, m.group(3)))
rows = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(os.path.join(os.path.dirname(__file__), "callers.tsv"))}
out = ["| # | now (file.rs:line) | item | becomes | group | callers | where (file: lines) |", "|---|---|---|---|---|---|---|"]
for i, (name, (mod, nm, nn)) in enumerate(MAP.items(), 1):
    d = defs.get(name, (mod, "?", "?"))
    r = rows[name]
    where = "; ".join(fe.replace(",", ",") for fe in r[5].split())
    kind = d[2]
    out.append(f"| {i} | {d[0]}.rs:{d[1]} | {kind} `{name}` | `{nm}::{nn}` | {GROUP[nm]} | {r[3]} ({r[4] or '-'}) | {where or '—'} |")
print("\n".join(out))
print()
print("Crate-internal helpers (callers inside src/storage only):")
print()
print("| now | item | becomes |")
print("|---|---|---|")
for name, (mod, nm, nn) in INTERNAL.items():
    d = defs.get(name, (mod, "?", "?"))
    where = f"{d[0]}.rs:{d[1]}" if d[1] != "?" else f"{mod}.rs"
    print(f"| {where} | `{name}` | {nm}.rs: {nn} |")
