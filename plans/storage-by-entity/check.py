#!/usr/bin/env python3
"""Progress of the storage migration (plans/storage-by-entity/PLAN.md), per group and item.

    cd /work/main && python3 plans/storage-by-entity/check.py [G1|G2|G3|G4] [--todo]

For every name of map.py: is the new item defined in src/storage/<module>.rs, is the old name
aliased in that module's `compat` block (phases 1-3), is it still defined in a verb file, and how
many callers outside its module still use the old name (phase 2). Reads files only.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map import MAP, GROUP  # noqa: E402

VERB = ["edit", "records", "schedule", "register", "votes", "outcomes", "accounts", "audit_replay"]


def read(path):
    try:
        return open(path).read()
    except FileNotFoundError:
        return ""


def defines(text, name):
    return re.search(r"^pub(\([a-z]+\))?\s+(async\s+)?(fn|struct|enum|trait|const|type)\s+" + name + r"\b", text, re.M)


def compat_block(text):
    m = re.search(r"pub mod compat\s*\{(.*?)\n\}", text, re.S)
    return m.group(1) if m else ""


def main():
    only = [a for a in sys.argv[1:] if a.startswith("G")]
    todo = "--todo" in sys.argv
    callers = {}
    tsv = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "callers.py"), "--tsv"],
                         capture_output=True, text=True).stdout
    for line in tsv.splitlines():
        cols = line.split("\t")
        outside = [fe for fe in cols[5].split() if not fe.startswith(f"src/storage/{MAP[cols[0]][1]}.rs")]
        callers[cols[0]] = sum(len(fe.rsplit(":", 1)[1].split(",")) for fe in outside)
    done = total = 0
    for old, (_, mod, new) in MAP.items():
        if only and GROUP[mod] not in only:
            continue
        total += 1
        text = read(f"src/storage/{mod}.rs")
        moved = bool(defines(text, new))
        aliased = bool(re.search(r"\b" + new + r"\s+as\s+" + old + r"\b", compat_block(text))) or (
            new == old and re.search(r"\b" + old + r"\b", compat_block(text)))
        left = [v for v in VERB if defines(read(f"src/storage/{v}.rs"), old)]
        state = "moved" if moved and not left else ("NOT MOVED" if not moved else "TWICE")
        if moved and not left:
            done += 1
        if todo and state == "moved" and callers.get(old, 0) == 0:
            continue
        print(f"{GROUP[mod]} {old:<24} -> {mod}::{new:<20} {state:<9} "
              f"compat={'yes' if aliased else 'no ':<3} verb={','.join(left) or '-':<10} "
              f"old-name callers={callers.get(old, 0)}")
    print(f"{done}/{total} moved")


if __name__ == "__main__":
    main()
