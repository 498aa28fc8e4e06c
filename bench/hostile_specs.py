#!/usr/bin/env python3
"""Hostile spec inputs, and what `specgen validate` spends on each (issue 12, items 3-5).

    python3 bench/hostile_specs.py [--specgen PATH] [--work DIR] [--runs N] [--cap-mb N] [CASE...]

Writes each case as a spec directory under DIR (default bench/work/hostile, ignored by git),
runs `specgen validate --spec DIR/CASE` on it N times (default 1) under GNU time and prints one
Markdown table: the input's size, the median wall time, the largest peak RSS, the exit status
and the first line of the output. The binary defaults to the release build in
$CARGO_TARGET_DIR (or target/). A
run is capped at --cap-mb of address space (default 8192, through `ulimit -v`), so a case that
would take all the machine's memory aborts instead: such a run shows as "134 (signal 6)".
The same case name always gives the same bytes.

Cases (all of them when none is named):

  alias-2-levels      201 KB operation: a 100 KB string anchored once, a model whose 100 fields
                      alias it, and 100 fields aliasing that model (10^4 copies, 1 GB).
  alias-3-levels      the same with one level more (10^6 copies, 100 GB).
  deep-one-error      380 KB operation: fields nested 50 deep under 1000-character names, and
                      at the bottom a string with ~41,000 enum values and a default that is
                      not one of them (one error, whose position needs the location index).
  deep-no-error       the same with a default that is an enum value (no error, no index).
  wide-one-error      4 MB operation (just under the file limit): 40,000 fields of 5 enum
                      values each, the last one's default not among them.
  oversized           a 64 MB operation file (one long description).
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVICE = """\
name: hostile
title: Hostile Inputs
crate: huaweicloud-sdk-hostile
version: 0.1.0
endpoint: https://hostile.{region}.example.com
auth: [token]
"""

HEAD = """\
id: Hostile
title: A hostile operation
method: POST
path: /v1/{project_id}/hostile
params:
  project_id: {in: path, required: true, from: project}
"""

RESPONSES = """\
responses:
  200:
    description: OK
"""


def alias(levels: int) -> str:
    """A 100 KB string, and `levels` levels of models that each alias the level below 100
    times: 100**levels copies of the string once serde_yaml has expanded every alias."""
    fan = 100
    out = [HEAD, "models:\n"]
    out.append("  Level0:\n    doc: &s0 " + "x" * 100_000 + "\n")
    below = "s0"
    for level in range(1, levels + 1):
        refs = ", ".join(f"a{i}: {{doc: *{below}}}" if level == 1 else f"a{i}: *{below}"
                         for i in range(fan))
        out.append(f"  Level{level}: &m{level}\n    fields: {{{refs}}}\n")
        below = f"m{level}"
    # serde_yaml allows 100 alias jumps per event of the file: enough short events that
    # every level's expansion stays under that limit (the expansion, not the parser, is the
    # attack).
    filler = ", ".join(f"v{i}" for i in range(11_000))
    out.append(f"  Filler:\n    enum: [{filler}]\n")
    out.append(RESPONSES)
    text = "".join(out)
    return text + "#" * max(0, 201_000 - len(text) - 1) + "\n"


def deep(error: bool) -> str:
    """Fields nested 50 deep under 1000-character names, and at the bottom a string with
    enough enum values to make the file 380 KB, whose default is (or is not) one of them."""
    depth, name = 50, "n" * 996
    lines = [HEAD, "request:\n", "  body:\n"]
    indent = "    "
    for level in range(depth):
        lines.append(f"{indent}fields:\n")
        lines.append(f"{indent}  {name}{level:04d}:\n")
        indent += "    "
    head = "".join(lines)
    tail = RESPONSES
    default = "nope" if error else "v0"
    opening = f"{indent}type: string\n{indent}default: {default}\n{indent}enum: ["
    budget = 380_000 - len(head) - len(opening) - len(tail) - 2
    values, size, i = [], 0, 0
    while size + len(f"v{i}, ") <= budget:
        values.append(f"v{i}")
        size += len(f"v{i}, ")
        i += 1
    return head + opening + ", ".join(values) + "]\n" + tail


def wide() -> str:
    """40,000 fields of five enum values each at the top of the body: a 4 MB file, just under
    the file-size limit; the last field's default is not one of its values."""
    out = [HEAD, "request:\n  body:\n    fields:\n"]
    count = 40_000
    for i in range(count):
        default = "nope" if i == count - 1 else "alpha"
        out.append(f"      field_{i:05d}: {{type: string, default: {default}, "
                   f"enum: [alpha, beta, gamma, delta, epsilon]}}\n")
    out.append(RESPONSES)
    return "".join(out)


def oversized() -> str:
    line = "  " + "y" * 98 + "\n"
    return HEAD + "description: |\n" + line * 640_000 + RESPONSES


CASES = {
    "alias-2-levels": lambda: alias(2),
    "alias-3-levels": lambda: alias(3),
    "deep-one-error": lambda: deep(True),
    "deep-no-error": lambda: deep(False),
    "wide-one-error": wide,
    "oversized": oversized,
}


def write_case(work: Path, name: str) -> int:
    """Writes CASE's spec directory; returns the operation file's size in bytes."""
    case_dir = work / name
    if case_dir.exists():
        shutil.rmtree(case_dir)
    operations = case_dir / "hostile" / "operations"
    operations.mkdir(parents=True)
    (case_dir / "hostile" / "service.yaml").write_text(SERVICE)
    text = CASES[name]()
    (operations / "hostile.yaml").write_text(text)
    return len(text.encode())


def measure(specgen: Path, spec_dir: Path, cap_mb: int) -> tuple[str, str, str, str]:
    """(wall seconds, peak RSS MB, exit status, first output line) of one validate run."""
    def cap():
        limit = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with tempfile.NamedTemporaryFile("r") as stats:
        run = subprocess.run(
            ["/usr/bin/time", "-o", stats.name, "-f", "%e %M",
             str(specgen), "validate", "--spec", str(spec_dir)],
            capture_output=True, text=True, preexec_fn=cap)
        wall, rss_kb = stats.read().strip().splitlines()[-1].split()
    status = str(run.returncode)
    if run.returncode >= 128:  # GNU time's code for a child killed by a signal
        status += f" (signal {run.returncode - 128})"
    lines = (run.stdout + run.stderr).strip().splitlines()
    first_line = lines[0] if lines else ""
    return wall, f"{int(rss_kb) / 1024:.0f}", status, first_line[:110]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    parser.add_argument("--specgen", type=Path, default=target / "release" / "specgen")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work" / "hostile")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cap-mb", type=int, default=8192)
    parser.add_argument("cases", nargs="*", choices=[[], *CASES], default=[])
    args = parser.parse_args()
    if not args.specgen.is_file():
        print(f"no specgen binary at {args.specgen}: cargo build --release -p specgen",
              file=sys.stderr)
        return 2
    print("| case | input | wall | peak RSS | exit | first line of output |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in args.cases or CASES:
        size = write_case(args.work, name)
        runs = [measure(args.specgen, args.work / name, args.cap_mb) for _ in range(args.runs)]
        wall = f"{statistics.median(float(run[0]) for run in runs):.2f}"
        rss = str(max(int(run[1]) for run in runs))
        _, _, status, line = runs[-1]
        line = line.replace("|", "\\|")
        print(f"| {name} | {size / 1000:.0f} KB | {wall} s | {rss} MB | {status} | {line} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
