"""Regenerates plans/storage-by-entity/PLAN.md from its parts and fresh script output.
Run from /work/main: python3 plans/storage-by-entity/build_plan.py"""
import os, subprocess, sys
D = os.path.dirname(os.path.abspath(__file__))
def run(script, *args):
    return subprocess.run([sys.executable, os.path.join(D, script), *args], check=True,
                          capture_output=True, text=True).stdout
open(os.path.join(D, "callers.tsv"), "w").write(run("callers.py", "--tsv"))
open(os.path.join(D, "callers.txt"), "w").write(run("callers.py"))
table = run("table.py")
modules = run("modules.py")
main_table = table[table.index("| # "):table.index("\n\n") + 1]
helpers = table[table.index("| now | item"):]
sec12 = open(os.path.join(D, "plan-sec12.md")).read()
sec12 = sec12.replace("@@TABLE@@", main_table.strip()).replace("@@HELPERS@@", helpers.strip())
mid = open(os.path.join(D, "plan-mid.md")).read().replace("@@MODULES@@", modules.strip())
parts = [open(os.path.join(D, "plan-head.md")).read(), sec12, "\n", mid, open(os.path.join(D, "plan-tail.md")).read()]
open(os.path.join(D, "PLAN.md"), "w").write("".join(parts))
print("written plans/storage-by-entity/PLAN.md")
