#!/usr/bin/env python3
"""How `specgen import` grows with the rows of one table (issue 12, item 6).

Writes a Markdown page (Huawei's source form: HTML table inside a list item) whose response
table has N rows plus one repeated name, imports it with the given specgen binary, and prints
per N: instructions counted by callgrind (deterministic whatever the machine is doing, so two
binaries compare exactly), instructions per row, wall time and peak RSS (GNU time; noisy).

    python3 bench/import_rows.py [--specgen target/release/specgen] [--rows 2000,4000,8000]
        [--no-callgrind]

Quadratic work shows as instructions per row that grow with N; linear work keeps them flat.
"""
import argparse
import os
import re
import subprocess
import tempfile

PAGE_HEAD = """# 创建云硬盘

## 功能介绍

创建一个云硬盘。

## URI

-   URI格式

    POST /v2/\\{project\\_id\\}/cloudvolumes

-   参数说明

    <table><thead><tr><th>参数</th><th>是否必选</th><th>描述</th></tr></thead>
    <tbody><tr><td>project_id</td><td>是</td><td>项目ID。</td></tr></tbody></table>

## 响应消息

-   响应参数

    <table><thead><tr><th>参数</th><th>参数类型</th><th>描述</th></tr></thead>
    <tbody>
"""


def page(rows):
    body = "".join(
        f"    <tr><td>field_{i}</td><td>String</td><td>Field {i}.</td></tr>\n" for i in range(rows)
    )
    # One repeated name at the end: the duplicate check must find it.
    body += "    <tr><td>field_1</td><td>String</td><td>Again.</td></tr>\n"
    return PAGE_HEAD + body + "    </tbody></table>\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--specgen", default="target/release/specgen")
    parser.add_argument("--rows", default="2000,4000,8000")
    parser.add_argument("--no-callgrind", action="store_true")
    args = parser.parse_args()
    specgen = os.path.abspath(args.specgen)
    print("| rows | page KB | instructions | per row | wall s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for rows in [int(n) for n in args.rows.split(",")]:
            source = os.path.join(work, f"page{rows}.md")
            with open(source, "w", encoding="utf-8") as f:
                f.write(page(rows))
            command = [specgen, "import", source, "--service", "bench",
                       "--out", os.path.join(work, f"out{rows}.yaml"), "--allow-gaps"]
            # In the scratch directory: a new service's skeleton lands in ./spec.
            timed = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command,
                                   capture_output=True, text=True, cwd=work)
            wall, rss_kb = timed.stderr.strip().splitlines()[-1].split()
            instructions = per_row = "-"
            if not args.no_callgrind:
                counted = subprocess.run(
                    ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command,
                    capture_output=True, text=True, cwd=work)
                total = int(re.search(r"refs:\s+([\d,]+)", counted.stderr).group(1).replace(",", ""))
                instructions, per_row = f"{total:,}", f"{total // rows:,}"
            size = os.path.getsize(source) // 1024
            print(f"| {rows} | {size} | {instructions} | {per_row} | {wall} | {int(rss_kb) // 1024} |")


if __name__ == "__main__":
    main()
