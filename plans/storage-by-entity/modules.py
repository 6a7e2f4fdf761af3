"""Per entity module: what it receives and from where (phase 1 of plans/storage-by-entity/PLAN.md).
Run from /work/main: python3 plans/storage-by-entity/modules.py"""
import re, glob, os, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map import MAP, GROUPS, GROUP
defs = {}
for f in glob.glob("src/storage/*.rs"):
    for i, l in enumerate(open(f).read().split("\n"), 1):
        m = re.match(r"pub(\(crate\)|\(super\))?\s+(async\s+)?(fn|struct|enum|trait|const|type)\s+(\w+)", l)
        if m: defs.setdefault(m.group(4), (os.path.basename(f), i))
by = collections.defaultdict(list)
for k, (o, m, n) in MAP.items(): by[m].append((n, k, defs.get(k, (o + ".rs", "?"))))
for g in GROUPS:
    print(f"#### {g}\n")
    for m in sorted(by):
        if GROUP[m] != g: continue
        exists = os.path.exists(f"src/storage/{m}.rs")
        print(f"- `src/storage/{m}.rs` ({'exists; renamed in place' if exists else 'new'}): "
              + ", ".join(f"`{n}` ← `{k}` ({f}:{l})" for n, k, (f, l) in by[m]))
    print()
