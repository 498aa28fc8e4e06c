#!/usr/bin/env python3
"""Peak memory and time of `specgen generate` beside the size of its input spec.

    python3 bench/memory.py [--specgen PATH] [--runs N]

Generates two families of specs into bench/work/memory/ (ignored by git) and runs
`specgen generate` on each into an empty directory under GNU time (`/usr/bin/time`), printing a
Markdown table: spec bytes, peak RSS, RSS per spec byte, wall time (medians of N runs, 3 by
default).

- `wide-M`: one service of M models of 100 documented string fields each, all in
  `service.yaml` (so all in one generated `models.rs`); the shape whose memory once grew at
  ~280 bytes per spec byte. M stays under the 4 MiB spec file limit.
- `synth-N`: the benchmark's synthetic service of N operations (`bench/synth.py N`).

Without --specgen it builds the release binary first (`cargo build --release -p specgen`, in
CARGO_TARGET_DIR when set). It only reads and writes bench/work/memory; bench/run is separate.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "memory"
FIELDS_PER_MODEL = 100
WIDE_MODELS = [50, 100, 200, 400]
SYNTH_OPERATIONS = [250, 500, 1000, 2000]


def write_wide(directory: Path, models: int) -> None:
    service = directory / "wide"
    (service / "operations").mkdir(parents=True)
    lines = ["name: wide", "title: Wide", "crate: huaweicloud-sdk-wide", "version: 0.1.0",
             "endpoint: https://wide.{region}.example.com", "auth: [token]", "models:"]
    for model in range(models):
        lines += [f"  Model{model}:", "    fields:"]
        for field in range(FIELDS_PER_MODEL):
            lines += [f"      field_{field}:", "        type: string", "        max_length: 64",
                      f"        doc: Field {field} of model {model}."]
    (service / "service.yaml").write_text("\n".join(lines) + "\n")
    (service / "operations" / "show.yaml").write_text(
        "id: ShowWide\ntitle: Show\nmethod: GET\npath: /v1/{project_id}/wide\n"
        "params:\n  project_id: {in: path, required: true, from: project}\n"
        "responses:\n  200:\n    description: OK\n    body: {ref: Model0}\n")


def write_synth(directory: Path, operations: int) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(operations),
                    str(directory)], check=True, stdout=subprocess.DEVNULL)


def spec_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*.yaml"))


def measure(specgen: str, spec: Path, runs: int) -> tuple[float, float]:
    """Median peak RSS in bytes and wall seconds of `specgen generate` into a fresh directory."""
    rss, wall = [], []
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(dir=WORK))
        stats = out / "time.txt"
        subprocess.run(["/usr/bin/time", "-o", str(stats), "-f", "%M %e", specgen, "generate",
                        "--spec", str(spec), "--out", str(out / "generated")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kb, seconds = stats.read_text().split()[-2:]
        rss.append(int(kb) * 1024)
        wall.append(float(seconds))
        shutil.rmtree(out)
    return statistics.median(rss), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specgen", help="the specgen binary (built in release mode when left out)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs GNU time: apt-get install -y time")
    specgen = args.specgen
    if specgen is None:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "specgen"], cwd=ROOT,
                       check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        specgen = str(target / "release" / "specgen")

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    print("| Spec | Spec size | Peak RSS | RSS / spec size | Wall |")
    print("| --- | --- | --- | --- | --- |")
    cases = [(f"wide-{m}", write_wide, m) for m in WIDE_MODELS]
    cases += [(f"synth-{n}", write_synth, n) for n in SYNTH_OPERATIONS]
    for name, write, size in cases:
        spec = WORK / f"spec-{name}"
        write(spec, size)
        bytes_ = spec_bytes(spec)
        rss, wall = measure(specgen, spec, args.runs)
        print(f"| {name} | {bytes_ / 1e6:.2f} MB | {rss / 1e6:.0f} MB | {rss / bytes_:.0f}× "
              f"| {wall:.2f} s |", flush=True)


if __name__ == "__main__":
    main()
