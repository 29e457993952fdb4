#!/usr/bin/env python3
"""Runs the posbridge benchmarks on the data written by bench/generate.py.

    python3 bench/run.py --bin .build/release/posbridge --data bench/data [--work WORKDIR]
                         [--repeat 3] [--out bench/out/results.json]

Measures, each --repeat times (best wall time, highest peak RSS):
  wc -l                     baselines over the same input files as each posbridge step
  diff                      posbridge diff old.ndjson new.ndjson --out W/diff
  sort                      posbridge snapshot sort shuffled.ndjson W/sorted.ndjson
  sort --max-memory 64MB    the same, forced onto the external-merge path
  archive create            posbridge archive create W/run --out W/run.tar.zst --force
  archive verify            posbridge archive verify W/run.tar.zst
  archive verify --fast     posbridge archive verify W/run.tar.zst --fast
and checks the results: the diff's summary.json counts against expected.json, the sorted output
against new.ndjson (byte for byte), and every exit status (a non-zero one stops the run).

Prints a table, a Markdown table for the README, and writes bench/out/results.json. Exit status 0
when every check passed, 1 otherwise. Standard library only; see bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MiB = 1024 * 1024
RUN_JSON = '{"runId":"bench-run","startedAt":"2026-11-29T00:00:00Z"}\n'


def die(message: str) -> None:
    print(f"\nbench/run.py: FAILED: {message}", file=sys.stderr)
    sys.exit(2)


def shown(path: str) -> str:
    """A path as it appears in the printed command lines: relative to the current folder when inside it."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    return absolute if rel.startswith("..") else rel


# ----------------------------------------------------------------------------------------------
# Measuring one child process
# ----------------------------------------------------------------------------------------------


def self_maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def read_vmhwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


class Measurement:
    def __init__(self, seconds: float, maxrss_kib: int, floor_kib: int, sampled_kib: int | None):
        self.seconds = seconds
        self.maxrss_kib = maxrss_kib
        self.floor_kib = floor_kib
        self.sampled_kib = sampled_kib

    @property
    def exact(self) -> bool:
        # Linux folds the spawning process's own peak RSS into the ru_maxrss of a child it execs
        # (vfork shares the parent's memory until exec). A figure above that floor is the child's own.
        return self.maxrss_kib > self.floor_kib

    @property
    def peak_kib(self) -> int:
        if self.exact:
            return self.maxrss_kib
        # At or under the floor: the best we know is the child's own high-water mark, sampled.
        return self.sampled_kib if self.sampled_kib is not None else self.maxrss_kib


def measure(argv: list[str], log_prefix: str) -> Measurement:
    """Runs argv once; wall time by perf_counter, peak RSS of exactly this child by os.wait4."""
    with open(log_prefix + ".stdout", "wb") as out, open(log_prefix + ".stderr", "wb") as err:
        floor = self_maxrss_kib()
        started = time.perf_counter()
        try:
            child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        except OSError as error:
            die(f"cannot start {argv[0]}: {error}")
        sampled: list[int] = []
        done = threading.Event()

        def sample() -> None:  # /proc/PID/status VmHWM, only used when ru_maxrss is under the floor
            while not done.wait(0.005):
                value = read_vmhwm_kib(child.pid)
                if value is not None and not done.is_set():
                    sampled.append(value)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting
        sampler.join()
    if child.returncode != 0:
        with open(log_prefix + ".stderr", "rb") as f:
            tail = f.read()[-2000:].decode("utf-8", "replace")
        die(f"exit status {child.returncode} from: {' '.join(argv)}\n--- stderr (tail) ---\n{tail}")
    return Measurement(seconds, usage.ru_maxrss, floor, max(sampled) if sampled else None)


# ----------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------


def count_lines(paths: list[str]) -> int:
    total = 0
    for path in paths:
        with open(path, "rb") as f:
            while chunk := f.read(MiB):
                total += chunk.count(b"\n")
    return total


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(4 * MiB):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(root, name) for name in sorted(files))
    return found


def remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


# ----------------------------------------------------------------------------------------------
# The benchmark
# ----------------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.bin = args.bin
        self.data = args.data
        self.work = args.work
        self.repeat = args.repeat
        self.logs = os.path.join(self.work, "logs")
        self.rows: list[dict] = []
        self.checks: dict[str, dict] = {}
        self.wc: dict[str, float] = {}  # baseline name -> best seconds

    def run(self, name: str, argv: list[str], inputs: list[str], *, baseline: str | None,
            before_each=None, records: int | None = None, input_bytes: int | None = None) -> dict:
        walls, measurements = [], []
        for attempt in range(1, self.repeat + 1):
            if before_each:
                before_each()
            slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
            m = measure(argv, os.path.join(self.logs, f"{slug}.{attempt}"))
            walls.append(m.seconds)
            measurements.append(m)
            print(f"  {name:<26} run {attempt}/{self.repeat}: {m.seconds:8.3f} s  "
                  f"{m.peak_kib / 1024:8.1f} MiB{'' if m.exact else ' (under floor, sampled)'}", flush=True)
        best = min(walls)
        worst_rss = max(measurements, key=lambda m: m.peak_kib)
        n_bytes = input_bytes if input_bytes is not None else sum(os.path.getsize(p) for p in inputs)
        n_records = records if records is not None else count_lines(inputs)
        row = {
            "name": name,
            "command": self.display(argv),
            "argv": argv,
            "inputs": [shown(p) for p in inputs],
            "inputBytes": n_bytes,
            "inputMiB": n_bytes / MiB,
            "records": n_records,
            "wallSeconds": walls,
            "bestSeconds": best,
            "mibPerSecond": n_bytes / MiB / best if best > 0 else None,
            "recordsPerSecond": n_records / best if best > 0 else None,
            "peakRssMiB": worst_rss.peak_kib / 1024,
            "rssExact": worst_rss.exact,
            "rssFloorMiB": max(m.floor_kib for m in measurements) / 1024,
            "baseline": baseline,
            "wcSeconds": self.wc.get(baseline) if baseline else None,
            "ratioToWc": best / self.wc[baseline] if baseline and self.wc.get(baseline) else None,
        }
        self.rows.append(row)
        return row

    def display(self, argv: list[str]) -> str:
        """The command line as printed: `posbridge` for the binary, paths relative when possible."""
        if argv[:2] == ["wc", "-l"] and len(argv) > 5:
            folder = os.path.commonpath(argv[2:])
            return f"wc -l <the {len(argv) - 2} files under {shown(folder)}>"
        words = ["posbridge" if argv[0] == self.bin else argv[0]]
        words += [shown(a) if os.path.isabs(a) else a for a in argv[1:]]
        return " ".join(words)

    def baseline(self, key: str, title: str, inputs: list[str]) -> None:
        row = self.run(f"wc -l ({title})", ["wc", "-l", *inputs], inputs, baseline=None)
        self.wc[key] = row["bestSeconds"]
        row["ratioToWc"] = 1.0
        row["baseline"] = key

    def check(self, name: str, ok: bool, detail: dict) -> None:
        self.checks[name] = {"status": "OK" if ok else "MISMATCH", **detail}
        print(f"  check {name}: {'OK' if ok else 'MISMATCH'}" + ("" if ok else f"  {json.dumps(detail)}"), flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run the posbridge benchmarks (see bench/README.md).")
    parser.add_argument("--bin", required=True, help="the posbridge executable")
    parser.add_argument("--data", required=True, help="the folder written by bench/generate.py")
    parser.add_argument("--work", default=os.path.join(REPO, "bench", "out", "work"),
                        help="scratch folder for outputs (default bench/out/work; emptied first)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--out", default=os.path.join(REPO, "bench", "out", "results.json"),
                        help="results file (default bench/out/results.json)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.bin = os.path.abspath(args.bin) if os.sep in args.bin else (shutil.which(args.bin) or args.bin)
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        die(f"not an executable: {args.bin} (build it first: swift build -c release)")
    if not shutil.which("wc"):
        die("wc not found")
    args.data = os.path.abspath(args.data)
    old, new, shuffled = (os.path.join(args.data, n) for n in ("old.ndjson", "new.ndjson", "shuffled.ndjson"))
    expected_path = os.path.join(args.data, "expected.json")
    for path in (old, new, shuffled, expected_path):
        if not os.path.isfile(path):
            die(f"missing {path} (run: python3 bench/generate.py {args.data})")
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)

    work = os.path.abspath(args.work)
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(os.path.join(work, "logs"))
    args.work = work
    bench = Bench(args)
    W = lambda *parts: os.path.join(work, *parts)  # noqa: E731

    version = subprocess.run([args.bin, "--version"], capture_output=True, text=True)
    version_text = (version.stdout.strip() or version.stderr.strip()) if version.returncode == 0 else None
    print(f"posbridge: {args.bin} ({version_text or 'version unknown'})")
    print(f"data:      {args.data}  ({expected['records']['old']} old / {expected['records']['new']} new records)")
    print(f"work:      {work}")
    print(f"repeat:    {args.repeat}\n")

    # --- diff ---
    bench.baseline("diff", "old + new", [old, new])
    diff_dir = W("diff")
    bench.run("diff", [args.bin, "diff", old, new, "--out", diff_dir], [old, new], baseline="diff",
              before_each=lambda: remove(diff_dir))
    summary_path = os.path.join(diff_dir, "summary.json")
    wanted = {k: expected["counts"][k] for k in ("create", "update", "missing", "unchanged")}
    try:
        with open(summary_path, encoding="utf-8") as f:
            summary = json.load(f)
        actual = {k: summary.get("counts", {}).get(k) for k in wanted}
        bench.check("diff counts", actual == wanted, {"expected": wanted, "actual": actual})
    except (OSError, ValueError, AttributeError) as error:
        bench.check("diff counts", False, {"expected": wanted, "error": f"{summary_path}: {error}"})

    # --- sort ---
    bench.baseline("sort", "shuffled", [shuffled])
    sorted_path = W("sorted.ndjson")
    new_digest = sha256(new)
    for label, extra in (("sort", []), ("sort --max-memory 64MB", ["--max-memory", "64MB"])):
        bench.run(label, [args.bin, "snapshot", "sort", shuffled, sorted_path, *extra], [shuffled],
                  baseline="sort", before_each=lambda: remove(sorted_path))
        ok = os.path.isfile(sorted_path) and sha256(sorted_path) == new_digest
        bench.check(f"{label} output == new.ndjson", ok,
                    {"output": shown(sorted_path), "outputBytes": os.path.getsize(sorted_path) if os.path.isfile(sorted_path) else None})

    # --- archive ---
    run_dir = W("run")
    os.makedirs(run_dir)
    shutil.copyfile(old, os.path.join(run_dir, "old.ndjson"))
    shutil.copyfile(new, os.path.join(run_dir, "new.ndjson"))
    shutil.copytree(diff_dir, os.path.join(run_dir, "diff"))
    with open(os.path.join(run_dir, "run.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(RUN_JSON)
    run_files = files_under(run_dir)
    run_bytes = sum(os.path.getsize(p) for p in run_files)
    run_records = count_lines(run_files)
    bench.baseline("archive", "run folder", run_files)
    archive = W("run.tar.zst")
    bench.run("archive create", [args.bin, "archive", "create", run_dir, "--out", archive, "--force"], run_files,
              baseline="archive", records=run_records, input_bytes=run_bytes)
    archive_bytes = os.path.getsize(archive) if os.path.isfile(archive) else None
    bench.run("archive verify", [args.bin, "archive", "verify", archive], run_files,
              baseline="archive", records=run_records, input_bytes=run_bytes)
    bench.run("archive verify --fast", [args.bin, "archive", "verify", archive, "--fast"], run_files,
              baseline="archive", records=run_records, input_bytes=run_bytes)

    # --- report ---
    print_table(bench.rows)
    markdown = markdown_table(bench.rows, args.repeat)
    print("\nMarkdown (for bench/README.md):\n")
    print(markdown)
    floor = max(r["rssFloorMiB"] for r in bench.rows)
    if not all(r["rssExact"] for r in bench.rows):
        print(f"\n* peak RSS at or under the measuring floor ({floor:.1f} MiB, this script's own peak, which "
              "Linux folds into a child's ru_maxrss); the figure shown is the child's sampled VmHWM.")
    failed = [name for name, c in bench.checks.items() if c["status"] != "OK"]
    results = {
        "createdAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "host": host_info(),
        "posbridge": {"path": args.bin, "version": version_text},
        "data": {"folder": shown(args.data), "expected": expected},
        "work": work,
        "repeat": args.repeat,
        "archiveBytes": archive_bytes,
        "rows": bench.rows,
        "checks": bench.checks,
        "ok": not failed,
        "markdown": markdown,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {shown(args.out)}")
    print("checks: " + ", ".join(f"{n} {c['status']}" for n, c in bench.checks.items()))
    if failed:
        print(f"bench/run.py: MISMATCH in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def host_info() -> dict:
    cpu = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"platform": platform.platform(), "machine": platform.machine(), "cpu": cpu,
            "cpus": os.cpu_count(), "python": platform.python_version()}


def fmt(value, digits: int) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def rss_text(row: dict) -> str:
    return fmt(row["peakRssMiB"], 1) + ("" if row["rssExact"] else "*")


def print_table(rows: list[dict]) -> None:
    header = ["step", "best s", "input MiB", "MiB/s", "records", "records/s", "peak RSS MiB", "× wc -l"]
    body = [[r["name"], fmt(r["bestSeconds"], 3), fmt(r["inputMiB"], 1), fmt(r["mibPerSecond"], 1),
             f"{r['records']:,}", fmt(r["recordsPerSecond"], 0), rss_text(r), fmt(r["ratioToWc"], 1)]
            for r in rows]
    widths = [max(len(x) for x in column) for column in zip(header, *body)]
    print()
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
    print("  ".join("-" * w for w in widths))
    for line in body:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))))


def markdown_table(rows: list[dict], repeat: int) -> str:
    out = ["| Step | Command | Input MiB | Records | Best of " + str(repeat)
           + " (s) | MiB/s | Records/s | Peak RSS MiB | × `wc -l` |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        command = r["command"].replace("|", "\\|")
        out.append(f"| {r['name']} | `{command}` | {fmt(r['inputMiB'], 1)} | {r['records']:,} | "
                   f"{fmt(r['bestSeconds'], 3)} | {fmt(r['mibPerSecond'], 1)} | {fmt(r['recordsPerSecond'], 0)} | "
                   f"{rss_text(r)} | {fmt(r['ratioToWc'], 1)} |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
