"""Counts the callers of every storage item by file:line (see plans/storage-by-entity/PLAN.md §2).
Run from /work/main: python3 plans/storage-by-entity/callers.py > plans/storage-by-entity/callers.txt"""
import re, os, sys, glob, collections
sys.path.insert(0, os.path.dirname(__file__))
from map import MAP, INTERNAL

ROOTS = ["src", "app/src", "server/src", "server/tests", "tests", "load/src"]
files = [f for r in ROOTS for f in glob.glob(f"{r}/**/*.rs", recursive=True)]

def area(f):
    if f.startswith("src/storage/"): return "storage"
    if f.startswith("src/actions/"): return "actions"
    if f.startswith("src/"): return "core"
    if f.startswith("app/"): return "app"
    if f.startswith("server/tests") or f.startswith("tests/"): return "tests"
    if f.startswith("server/"): return "server"
    return "other"

def strip_comment(line):
    # good enough: storage callers never put // inside strings before code
    i = line.find("//")
    return line if i < 0 else line[:i]

names = dict(MAP)
results = collections.defaultdict(list)  # name -> [(file, line, kind)]
for f in sorted(files):
    text = open(f).read()
    # blank out string literals (SQL mentions columns like time_zone), keeping newlines
    text = re.sub(r"'(?:[^'\\\n]|\\.[^']*)'|" r'\br(#*)"(?:.|\n)*?"\1|"(?:[^"\\]|\\[\s\S])*"', lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    lines = text.split("\n")
    # lines inside `use ...storage...{ ... };` blocks or `use super::{...}` in storage
    in_use = set()
    for m in re.finditer(r"use\s+(?:crate|plenary_core|super|self)(?:::storage)?(?:::\w+)*::\{[^}]*\}\s*;|use\s+(?:crate|plenary_core)::storage::\w+\s*;|use\s+super::\w+(?:::\w+)*\s*;", text):
        if "storage" in m.group(0) or f.startswith("src/storage/"):
            a = text.count("\n", 0, m.start()); b = text.count("\n", 0, m.end())
            in_use.update(range(a, b + 1))
    glob_storage = bool(re.search(r"use\s+(crate|plenary_core)::storage::\*", text)) or f.startswith("src/storage/")
    explicit = set()
    for m in re.finditer(r"use\s+(?:crate|plenary_core|super)(?:::storage)?::\{([^}]*)\}|use\s+(?:crate|plenary_core)::storage::(\w+)\s*;", text):
        if ("storage" in m.group(0) and "super" not in m.group(0)) or f.startswith("src/storage/"):
            explicit.update(re.findall(r"\w+", m.group(1) or m.group(2)))
    for i, raw in enumerate(lines):
        code = strip_comment(raw)
        comment = raw[len(code):]
        for name in names:
            if name not in raw: continue
            for m in re.finditer(r"(?<![\w.])" + re.escape(name) + r"\b", code):
                pre = code[:m.start()]
                post = code[m.end():]
                if f == "src/storage/mod.rs" and raw.lstrip().startswith("pub use"):
                    kind = "reexport"
                elif re.search(r"let\s+(mut\s+)?\([^)]*$", pre):
                    kind = "other"
                elif re.search(r"\b(fn|struct|enum|trait|const|type|mod|let|let mut)\s+$", pre):
                    kind = "def" if f.startswith("src/storage/") else "local-def"
                elif re.search(r"(storage|super)::$", pre) or re.search(r"storage::\{[^}]*$", pre):
                    kind = "path"
                elif i in in_use:
                    kind = "use"
                elif name[0].isupper():
                    kind = "type"
                elif re.match(r"\s*(\(|::<)", post):
                    kind = "call"
                elif re.match(r"\s*[,)]", post) and re.search(r"(^|[(,])\s*$", pre):
                    kind = "arg"      # passed as a function value, e.g. create(db, .., get_session, ..)
                else:
                    kind = "other"    # field, variable, string: not a caller
                if kind in ("call", "arg") and not f.startswith("src/storage/") and re.search(r"\bfn\s+" + re.escape(name) + r"\b", text):
                    kind = "other"    # a local fn of that name shadows the glob import
                if kind in ("call", "arg", "type") and not (glob_storage or name in explicit):
                    kind = "other"    # same name, not imported from storage here
                if kind == "arg" and (re.search(r"(let\s+(mut\s+)?|[|(,]\s*)" + re.escape(name) + r"\s*[:|=]", text)
                        or re.search(r"let\s+(mut\s+)?\([^)=\n]*\b" + re.escape(name) + r"\b[^)=\n]*\)\s*=", text)
                        or re.search(r"\|\([^|\n]*\b" + re.escape(name) + r"\b[^|\n]*\)\|", text)):
                    kind = "other"    # a variable or parameter of that name
                results[name].append((f, i + 1, kind))
            if re.search(r"\[`?" + re.escape(name) + r"`?\]|`" + re.escape(name) + r"`", comment):
                results[name].append((f, i + 1, "doc"))

CALLER = {"call", "path", "use", "arg", "type"}
out = []
for name, (mod, new_mod, new_name) in MAP.items():
    hits = results.get(name, [])
    callers = [h for h in hits if h[2] in CALLER]
    by_area = collections.Counter(area(h[0]) for h in callers)
    by_file = collections.Counter(h[0] for h in callers)
    others = [h for h in hits if h[2] in ("other", "local-def")]
    docs = [h for h in hits if h[2] == "doc"]
    out.append((name, mod, new_mod, new_name, len(callers), by_area, by_file, others, docs, callers))

if "--tsv" in sys.argv:
    for name, mod, nm, nn, n, ba, bf, others, docs, callers in out:
        print("\t".join([name, mod, f"{nm}::{nn}", str(n),
              " ".join(f"{a}:{c}" for a, c in sorted(ba.items())),
              " ".join(f"{f}:" + ",".join(str(h[1]) for h in callers if h[0] == f) for f in sorted(bf)),
              " ".join(f"{h[0]}:{h[1]}({h[2]})" for h in others),
              " ".join(f"{h[0]}:{h[1]}" for h in docs)]))
else:
    for name, mod, nm, nn, n, ba, bf, others, docs, callers in out:
        print(f"{mod}::{name} -> {nm}::{nn}  callers={n} [{', '.join(f'{a} {c}' for a, c in sorted(ba.items()))}]")
        for f in sorted(bf):
            print(f"    {f}: " + ",".join(f"{h[1]}{'' if h[2]=='call' else '('+h[2]+')'}" for h in callers if h[0] == f))
        if others: print("    not callers: " + " ".join(f"{h[0]}:{h[1]}({h[2]})" for h in others))
        if docs: print("    doc mentions: " + " ".join(f"{h[0]}:{h[1]}" for h in docs))
