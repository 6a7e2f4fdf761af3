#!/usr/bin/env python3
"""Phase 2 of plans/storage-by-entity/PLAN.md: points the callers of the old flat storage names at the
entity modules. A sketch that does the bulk of the edit; read its diff, then rustfmt and build.

    cd /work/main
    python3 plans/storage-by-entity/rename.py --dry-run src/actions/agenda.rs ...   # unified diff only
    python3 plans/storage-by-entity/rename.py src/actions/agenda.rs ...             # rewrite in place
    rustfmt --edition 2021 <the same files>

Only the files named are touched (each engineer passes only the files they own). It needs the
entity modules of phase 1 to exist; during phase 2 the old names still resolve (the `compat`
aliases), so a file converted or not both compile.

What it does, per file:
  * functions: `old(`, `old::<`, `old` passed as a value, `storage::old`, `super::old` become
    `storage::module::new` (`super::module::new` inside src/storage, a bare `new` inside the
    entity module that defines it). Outside src/storage the prefix is `storage::`, and
    `use crate::storage::{self, ..}` (or `use plenary_core::storage::{self, ..}`) is ensured;
  * types and constants (CamelCase / UPPER) keep their bare name and get imported from their
    module: `use crate::storage::actual_times::Held;`;
  * `use crate::storage::*;` becomes an explicit list of what the file still uses from the root
    (Db, Tx, Kept, Changes, internal, unique, stored, on_tx, on_db, ..);
  * names from explicit `use ..storage::{..}` lists are dropped when they moved;
  * doc mentions (`[`old`]`, `` `old` ``) are only reported, for a person to reword.
It does not touch string literals, and skips names that are shadowed by a local definition of
the same name in the file (reported as "check by hand").
"""
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map import MAP, KEEP  # noqa: E402

# Names whose bare use is too common to rewrite blindly (variables, fields): only rewritten when
# followed by `(`, or written as a path.
CALL_ONLY = {"time_zone", "assembly_id", "password_hash", "credentials", "electorate",
             "check_in_open", "associates_vote", "workspace", "chairs", "audit", "renumber",
             "live_state", "agenda_items", "assembly_number", "last_event_id"}

FN = {k: v for k, v in MAP.items() if not (k[0].isupper() or k.isupper())}
TY = {k: v for k, v in MAP.items() if k[0].isupper() or k.isupper()}


def blank_strings(text):
    """Same text with string and char literals and comments blanked (offsets kept)."""
    pat = re.compile(r"//[^\n]*|'(?:[^'\\\n]|\\.[^']*)'|\br(#*)\"(?:.|\n)*?\"\1|\"(?:[^\"\\]|\\[\s\S])*\"")
    return pat.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def module_of(path):
    """The storage module a file under src/storage is (`session` for src/storage/session.rs)."""
    m = re.match(r"src/storage/(\w+)\.rs$", path)
    return m.group(1) if m else None


def rewrite(path, text):
    notes = []
    in_storage = path.startswith("src/storage/")
    here = module_of(path)
    core = path.startswith("src/")
    root = "crate::storage" if core else "plenary_core::storage"
    # A local `mod storage` (src/exports/ical/tests.rs) shadows the crate's: spell it out there.
    # The app reaches storage only inside `#[server]` bodies (ssr): no top-level import there, whose
    # absence in the hydrate build would fail it; full paths, as today.
    app = path.startswith("app/")
    prefix = (root + "::") if app or re.search(r"\bmod storage\b", text) else "storage::"
    code = blank_strings(text)
    glob = bool(re.search(r"use\s+(crate|plenary_core)::storage::\*\s*;", code)) or in_storage
    explicit = set()
    for m in re.finditer(r"use\s+(?:crate|plenary_core)::storage::\{([^}]*)\}\s*;|use\s+(?:crate|plenary_core)::storage::(\w+)\s*;|use\s+super::\{([^}]*)\}\s*;", code):
        if m.group(3) is not None and not in_storage:
            continue
        explicit.update(re.findall(r"\w+", m.group(1) or m.group(2) or m.group(3)))
    local_defs = set(re.findall(r"\b(?:fn|struct|enum|const|static|type|trait)\s+(\w+)", code))
    edits = []  # (start, end, replacement)
    used_root = False
    type_imports = set()

    def target(old):
        mod, new = FN[old][1], FN[old][2]
        if in_storage:
            return new if mod == here else f"super::{mod}::{new}"
        return f"{prefix}{mod}::{new}"

    for old in FN:
        # paths: crate::storage::old, plenary_core::storage::old, storage::old, super::old
        for m in re.finditer(r"(?:(?:crate|plenary_core)::)?storage::" + old + r"\b|\bsuper::" + old + r"\b", code):
            if m.group(0).startswith("super::") and not in_storage:
                continue
            if re.search(r"\buse\s[^;]*$", code[:m.start()]):
                continue  # inside a use statement: handled below
            edits.append((m.start(), m.end(), target(old)))
            used_root = True
        if not (glob or old in explicit):
            continue
        if old in local_defs and not (in_storage and FN[old][0] == here):
            # a local fn of that name shadows the glob import (actions/record.rs: published_news)
            notes.append(f"{path}: `{old}` is also defined here; its bare calls are the local one's")
            continue
        for m in re.finditer(r"(?<![\w.:])" + old + r"\b", code):
            pre, post = code[:m.start()], code[m.end():]
            if re.search(r"\b(fn|let|mut|struct|enum|const|mod)\s+$", pre) or re.search(r"use\s[^;]*$", pre):
                continue
            is_call = re.match(r"\s*(\(|::<)", post)
            is_arg = re.match(r"\s*[,)]", post) and re.search(r"(^|[(,])\s*$", pre.split("\n")[-1])
            if is_call or (is_arg and old not in CALL_ONLY):
                edits.append((m.start(), m.end(), target(old)))
                used_root = True
            elif is_arg and old not in CALL_ONLY:
                notes.append(f"{path}:{text.count(chr(10), 0, m.start()) + 1}: `{old}` as a value; check by hand")
    for old, (_, mod, new) in TY.items():
        if in_storage and mod == here:
            continue
        for m in re.finditer(r"(?:(?:crate|plenary_core)::)?storage::" + old + r"\b|\bsuper::" + old + r"\b", code):
            if m.group(0).startswith("super::") and not in_storage:
                continue
            if re.search(r"use\s[^;]*$", code[:m.start()]):
                continue
            edits.append((m.start(), m.end(), f"{prefix}{mod}::{new}" if not in_storage else f"super::{mod}::{new}"))
            used_root = True
        if (glob or old in explicit) and re.search(r"(?<![\w:])" + old + r"\b", code):
            type_imports.add(f"{mod}::{new}")

    # apply edits from the end
    edits.sort(key=lambda e: e[0], reverse=True)
    seen = set()
    for s, e, r in edits:
        if s in seen:
            continue
        seen.add(s)
        text = text[:s] + r + text[e:]

    # use lines
    def keep_list(names):
        return [n for n in names if n not in MAP]

    def use_line(items):
        items = sorted(set(items), key=lambda n: (n != "self", n.lower()))
        if items == ["self"]:
            return f"use {root};"
        return f"use {root}::{{{', '.join(items)}}};" if len(items) > 1 else f"use {root}::{items[0]};"

    if not in_storage:
        code = blank_strings(text)
        def still_used(k):
            if k in ("on_tx", "on_db"):  # #[macro_export]: reachable from storage only inside the crate
                return core and re.search(r"(?<![\w:])" + k + r"!", code) and not re.search(
                    r"use\s[^;]*\b" + k + r"\b", code)
            if k[0].islower():  # functions: called or passed, never a same-named variable
                return re.search(r"(?<![\w:.])" + k + r"\s*\(|[(,]\s*" + k + r"\s*[,)]", code) and not re.search(r"\blet\s+(mut\s+)?" + k + r"\b", code)
            return re.search(r"(?<![\w:])" + k + r"\b", code)
        still = [k for k in KEEP if still_used(k)]
        extra = (["self"] if used_root and prefix == "storage::" else []) + sorted(type_imports)
        m = re.search(r"use\s+(crate|plenary_core)::storage::\*\s*;", text)
        if m:
            text = text[:m.start()] + use_line(still + extra) + text[m.end():]
        else:
            m = re.search(r"use\s+(crate|plenary_core)::storage::\{([^}]*)\}\s*;", text)
            m1 = re.search(r"use\s+(crate|plenary_core)::storage::(\w+)\s*;", text)
            if m:
                items = keep_list(re.findall(r"\w+", m.group(2))) + extra
                text = text[:m.start()] + (use_line(items) if items else "") + text[m.end():]
            elif m1 and m1.group(2) in MAP:
                items = extra
                text = text[:m1.start()] + (use_line(items) if items else "") + text[m1.end():]
            elif extra and not app and prefix == "storage::":
                # a file that only used full paths: import the root module once, after the last use
                last = list(re.finditer(r"^use [^;]+;\n", text, re.M))
                at = last[-1].end() if last else 0
                text = text[:at] + use_line(extra) + "\n" + text[at:]
    else:
        m = re.search(r"use\s+super::\{([^}]*)\}\s*;", text)
        if m:
            items = keep_list(re.findall(r"\w+", m.group(1))) + sorted(type_imports)
            text = text[:m.start()] + (f"use super::{{{', '.join(items)}}};" if items else "") + text[m.end():]
        elif type_imports:
            last = list(re.finditer(r"^use [^;]+;\n", text, re.M))
            at = last[-1].end() if last else 0
            text = text[:at] + f"use super::{{{', '.join(sorted(type_imports))}}};\n" + text[at:]

    code = blank_strings(text)
    for old in FN:
        if old in local_defs:
            continue
        for m in re.finditer(r"(?<![\w.:])" + old + r"\s*\(", code):
            if not re.search(r"\bfn\s+$", code[:m.start()]):
                notes.append(f"{path}:{code.count(chr(10), 0, m.start()) + 1}: `{old}(` left as it was")
    for m in re.finditer(r"\[`?(\w+)`?\]|`(\w+)`", text):
        n = m.group(1) or m.group(2)
        if n in MAP:
            notes.append(f"{path}:{text.count(chr(10), 0, m.start()) + 1}: doc mentions `{n}`")
    return text, notes


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dry = "--dry-run" in sys.argv
    for path in args:
        before = open(path).read()
        after, notes = rewrite(path, before)
        if dry:
            sys.stdout.writelines(difflib.unified_diff(
                before.splitlines(True), after.splitlines(True), path, path))
        elif after != before:
            open(path, "w").write(after)
        for n in notes:
            print("note:", n, file=sys.stderr)


if __name__ == "__main__":
    main()
