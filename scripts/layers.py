#!/usr/bin/env python3
"""Check the crate's layering: every folder under src/ is one layer, and a
file may import only its own folder and the folders of the layers below it;
no import cycle between files either. Prints each violation; exits 1 if there
is any. Usage: python3 scripts/layers.py [--graph]

Layers, lowest first:
  1 core       domain types (model, ids, findings, options, the ledger's
               history) and leaf utilities (progress, signals, transactions)
  2 pipeline   load, validate, dedup, teams, plan; the status export
  3 files      one module per file the tool writes (plan.json, ledger.csv, ...)
  4 migration  the workflows over an output folder (plan, apply, status)
  5 report     what people and CI read: HTML, text, JUnit, GitHub, mail
  6 cli        one thin file per command, and the crate root (lib.rs, main.rs)
"""
import re
import sys
from pathlib import Path

LAYERS = {"core": 1, "pipeline": 2, "files": 3, "migration": 4, "report": 5, "cli": 6, "": 6}
NAMES = {1: "core", 2: "pipeline", 3: "files", 4: "migration", 5: "report", 6: "cli"}

SRC = Path(__file__).resolve().parent.parent / "src"


def module_of(path: Path) -> tuple:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "mod" or (len(parts) == 1 and parts[0] in ("lib", "main")):
        parts = parts[:-1]
    return tuple(parts)


def strip(text: str) -> str:
    """Source without unit tests, comments and string literals (doc links name modules too)."""
    cut = text.find("#[cfg(test)]\nmod tests")
    text = text if cut < 0 else text[:cut]
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\])'", "' '", text)
    return re.sub(r"//[^\n]*", "", text)


def expand(tree: str) -> list:
    """`a::{b, c::{d}}` → ['a::b', 'a::c::d']."""
    tree = tree.strip()
    i = tree.find("{")
    if i < 0:
        return [re.sub(r"\s+as\s+\w+$", "", tree).strip()]
    prefix, inner = tree[:i], tree[i + 1 : tree.rindex("}")]
    items, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    items.append(cur)
    return [p for item in items if item.strip() for p in expand(prefix + item.strip())]


def main() -> int:
    files = {module_of(p): p for p in sorted(SRC.rglob("*.rs"))}
    # main.rs is the binary's root, not the library's: give it a module of its own.
    files[("<main>",)] = files.pop((), None) and SRC / "lib.rs"
    files[()] = SRC / "lib.rs"
    files[("<main>",)] = SRC / "main.rs"
    modules = set(files)
    edges = {}
    for mod, path in files.items():
        text = strip(path.read_text())
        children = set(re.findall(r"\bmod\s+(\w+)\s*;", text))
        paths = []
        for tree in re.findall(r"\buse\s+([^;]+);", text):
            paths += expand(tree)
        paths += re.findall(r"\b(?:crate|super|self)(?:::\w+)+", text)
        paths += [m.group(0) for c in children for m in re.finditer(rf"(?<![\w:]){c}(?:::\w+)+", text)]
        here = () if mod == ("<main>",) else mod
        targets = set()
        for p in paths:
            segs = [s for s in p.split("::") if s]
            if not segs:
                continue
            if segs[0] == "crate":
                base, segs = [], segs[1:]
            elif segs[0] in ("super", "self"):
                base = list(here)
                while segs and segs[0] in ("super", "self"):
                    if segs[0] == "super":
                        base = base[:-1]
                    segs = segs[1:]
            elif segs[0] in children:
                base = list(here)
            else:
                continue  # another crate
            cur = tuple(base)
            for s in segs:
                if cur + (s,) in modules:
                    cur = cur + (s,)
                else:
                    break
            if cur != mod and not (mod == ("<main>",) and cur == ()):
                if cur == here and mod != ("<main>",):
                    continue
                targets.add(cur)
        edges[mod] = targets

    def name(m):
        return str(files[m].relative_to(SRC.parent))

    def layer(m):
        # Files directly in src/ (lib.rs, main.rs, surface.rs) are the crate root: the top layer.
        if not m or m == ("<main>",) or files[m].parent == SRC:
            return LAYERS[""]
        return LAYERS.get(m[0])

    problems = []
    for m in sorted(modules):
        if layer(m) is None:
            problems.append(f"{name(m)}: not in a layer's folder (move it into one of {', '.join(n for n in LAYERS if n)})")
    for m, ts in sorted(edges.items()):
        for t in sorted(ts):
            lm, lt = layer(m), layer(t)
            if lm is not None and lt is not None and lt > lm:
                problems.append(f"{name(m)} ({NAMES[lm]}) uses {name(t)} ({NAMES[lt]}), a higher layer")

    # Cycles: strongly connected components of more than one file (Tarjan).
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(modules):
        if v not in index:
            visit(v)
    for comp in sccs:
        problems.append("import cycle: " + " ↔ ".join(sorted(name(m) for m in comp)))

    if "--graph" in sys.argv:
        for m, ts in sorted(edges.items()):
            print(f"{name(m)} -> {', '.join(sorted(name(t) for t in ts))}")
    for p in problems:
        print(p)
    print(f"{len(files)} files, {sum(len(t) for t in edges.values())} imports, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
