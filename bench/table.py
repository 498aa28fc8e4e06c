#!/usr/bin/env python3
"""Prints bench/run's results (bench/work/results.tsv: `key<TAB>value` lines) as one Markdown table."""

import sys

values = {}
for line in open(sys.argv[1]):
    if line.strip():
        key, value = line.rstrip("\n").split("\t", 1)
        values[key] = value


def num(key):
    value = values.get(key)
    return None if value in (None, "") else float(value)


def secs(v):
    return "—" if v is None else (f"{v:.3f} s" if v < 10 else f"{v:.1f} s")


def mb(kb):
    return "—" if kb is None else f"{kb / 1024:.0f} MB"


def ns(v):
    return "—" if v is None else (f"{v:.0f} ns" if v < 10_000 else f"{v / 1000:.1f} µs")


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}"


def verdict(ok):
    return "" if ok is None else ("pass" if ok else "**miss**")


rows = []
quick = values.get("meta.quick") == "1"


def row(what, ours, other, r, target="", ok=None, functional=False):
    # a --quick run measures nothing (one run, debug-profile criterion): only functional checks
    # get a verdict
    if quick and not functional:
        ok = None
    rows.append((what, ours, other, fmt_ratio(r) if not isinstance(r, str) else r, target, verdict(ok)))


runs = values.get("meta.runs", "?")

# a. generation
for n in (10, 100, 1000):
    if num(f"gen.ours.{n}.wall") is None:
        continue
    w, pw = num(f"gen.ours.{n}.wall"), num(f"gen.prog.{n}.wall")
    r = ratio(w, pw)
    target, ok = "≥5× faster (ratio ≤ 0.20)", (None if r is None else r <= 0.2)
    if n == 1000:
        target += "; < 1 s"
        ok = (w < 1.0) if ok is None else (ok and w < 1.0)
    row(f"generate N={n}: wall", secs(w), secs(pw), r, target, ok)
    m, pm = num(f"gen.ours.{n}.rss"), num(f"gen.prog.{n}.rss")
    target, ok = ("< 150 MB", m < 150 * 1024) if n == 1000 else ("", None)
    row(f"generate N={n}: peak RSS", mb(m), mb(pm), ratio(m, pm), target, ok)
    lines, plines = num(f"gen.ours.{n}.lines"), num(f"gen.prog.{n}.lines")
    row(f"generate N={n}: lines of Rust emitted", f"{lines:.0f}",
        "—" if plines is None else f"{plines:.0f}", ratio(lines, plines))

# b. no-op regeneration
for n in (10, 1000):
    w = num(f"noop.{n}.wall")
    if w is None:
        continue
    files = num(f"noop.{n}.files")
    row(f"no-op regenerate N={n}: wall", secs(w), "", "", "< 0.3 s", w < 0.3 if n == 1000 else None)
    row(f"no-op regenerate N={n}: files written", f"{files:.0f}", "", "", "0", files == 0, functional=True)
    row(f"no-op regenerate N={n}: peak RSS", mb(num(f"noop.{n}.rss")), "", "")

# c/d. compiling
limits = {100: 0.5, 1000: 0.25}
for mode in ("check", "build"):
    for n in (10, 100, 1000):
        w = num(f"{mode}.ours.{n}.wall")
        if w is None:
            continue
        pw = num(f"{mode}.prog.{n}.wall")
        r = ratio(w, pw)
        target, ok = "", None
        if mode == "check" and n in limits:
            target = f"ratio ≤ {limits[n]}"
            ok = None if r is None else r <= limits[n]
        prog_runs = "" if pw is None or n != 1000 else " (1 run)"
        crates = num(f"{mode}.ours.{n}.crates")
        split = f" (ours: {crates:.0f} crates)" if crates and crates > 1 else ""
        row(f"cargo {mode} N={n}, from scratch{split}: wall", secs(w), secs(pw) + prog_runs, r, target, ok)
        m, pm = num(f"{mode}.ours.{n}.rss"), num(f"{mode}.prog.{n}.rss")
        row(f"cargo {mode} N={n}: rustc peak RSS" + (" (largest crate)" if split else ""), mb(m), mb(pm), ratio(m, pm),
            "< 2 GB" if mode == "check" else "", m < 2 * 1024 * 1024 if mode == "check" else None)

# e. runtime
names = {
    "request": "seed request: build+validate+serialize+sign",
    "response_202": "seed response: parse 202",
    "response_400": "seed response: parse 400 (typed error)",
}
for group, what in names.items():
    g, b = num(f"rt.{group}.generated"), num(f"rt.{group}.baseline")
    if g is None:
        continue
    r = ratio(g, b)
    target, ok = ("ratio ≤ 1.2", r <= 1.2) if group == "request" else ("", None)
    row(f"{what} (vs hand-written)", ns(g), ns(b), r, target, ok)

header = ("Measurement", "specgen", "progenitor / hand-written", "ratio", "target", "result")
print(f"Commit {values.get('meta.commit', '?')}"
      + (f" (+{values['meta.dirty']} uncommitted changes under generator/ generated/)"
         if values.get("meta.dirty", "0") != "0" else "")
      + f"; medians of {runs} run(s)"
      + ("" if quick else " (generation: 21 at N=10, 9 at N=100)")
      + ("; resumed with BENCH_RESUME=1 (earlier steps kept)" if values.get("meta.resumed") == "1" else "") + (" (--quick: smoke run, not a measurement)" if quick else ""))
print()
print("| " + " | ".join(header) + " |")
print("|" + "|".join(" --- " for _ in header) + "|")
for r in rows:
    print("| " + " | ".join(r) + " |")
