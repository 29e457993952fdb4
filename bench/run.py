#!/usr/bin/env python3
"""Runs the posbridge benchmarks on the data written by bench/generate.py.

    python3 bench/run.py --bin .build/release/posbridge --data bench/data [--work WORKDIR]
                         [--repeat 3] [--out bench/out/results.json]

Measures, each --repeat times (best wall time, highest peak RSS):
  wc -l                     baselines over the same input files as each posbridge step
  diff                      posbridge diff old.ndjson new.ndjson --out W/diff
  diff (not canonical)      the same records out of the canonical envelope (*.loose.ndjson)
  GNU sort                  LC_ALL=C sort -S 256M of shuffled.ndjson: the standard tool the sorts are judged by
  sort                      posbridge snapshot sort shuffled.ndjson W/sorted.ndjson
  sort --max-memory 64MB    the same, forced onto the external-merge path
  sort (not canonical)      posbridge snapshot sort shuffled.loose.ndjson W/sorted.ndjson
  archive create            posbridge archive create W/run --out W/run.tar.zst --force
  archive verify            posbridge archive verify W/run.tar.zst
  archive verify --fast     posbridge archive verify W/run.tar.zst --fast
and checks the results: both diffs' summary.json counts against expected.json, the sorted outputs
against new.ndjson (byte for byte; without ref for the loose input), and every exit status (a
non-zero one stops the run). Rows judged against another row print the ratio ("× reference").

Prints a table, a Markdown table for the README, and writes bench/out/results.json. Exit status 0
when every check passed, 1 otherwise. Standard library only; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
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
CHUNK = 256 * 1024  # small reads keep this script's own peak RSS (the measuring floor) low
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


OWN_EXE = os.path.realpath("/proc/self/exe")


class Measurement:
    """One run. Peak RSS comes from the child's ru_maxrss (os.wait4), with one Linux caveat: exec
    folds the spawning process's own peak RSS into the child's ru_maxrss (subprocess uses vfork, so
    the child runs in this script's memory until it execs). So ru_maxrss = max(this script's peak
    at spawn time, the child's own peak). Above that floor the figure is exact; at the floor the
    child's own peak is lower, and the best figure is its VmHWM sampled from /proc while it ran."""

    def __init__(self, seconds: float, maxrss_kib: int, floor_kib: int, sampled_kib: int | None):
        self.seconds = seconds
        self.maxrss_kib = maxrss_kib
        self.floor_kib = floor_kib
        self.sampled_kib = sampled_kib

    @property
    def kind(self) -> str:
        if self.maxrss_kib > self.floor_kib:
            return "exact"
        return "sampled" if self.sampled_kib is not None else "floor"

    @property
    def peak_kib(self) -> int:
        if self.kind == "sampled":
            return min(self.sampled_kib, self.maxrss_kib)
        return self.maxrss_kib  # exact, or an upper bound (the floor)


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

        def sample() -> None:  # /proc/PID/status VmHWM, only used when ru_maxrss is at the floor
            while not done.wait(0.005):
                try:  # before exec the child still runs this script's executable, in this script's memory
                    if os.path.realpath(f"/proc/{child.pid}/exe") == OWN_EXE:
                        continue
                except OSError:
                    continue
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
            while chunk := f.read(CHUNK):
                total += chunk.count(b"\n")
    return total


def same_bytes(a: str, b: str) -> bool:
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(CHUNK), fb.read(CHUNK)
            if x != y:
                return False
            if not x:
                return True


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
            before_each=None, records: int | None = None, input_bytes: int | None = None,
            reference: str | None = None) -> dict:
        walls, measurements = [], []
        for attempt in range(1, self.repeat + 1):
            if before_each:
                before_each()
            slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
            m = measure(argv, os.path.join(self.logs, f"{slug}.{attempt}"))
            walls.append(m.seconds)
            measurements.append(m)
            note = {"exact": "", "sampled": "  (under the floor: sampled VmHWM)",
                    "floor": "  (under the floor: at most this)"}[m.kind]
            print(f"  {name:<26} run {attempt}/{self.repeat}: {m.seconds:8.3f} s  "
                  f"{m.peak_kib / 1024:8.1f} MiB{note}", flush=True)
        best = min(walls)
        # The highest peak: an exact figure beats anything under the floor; then a floor bound
        # (unknown, but at most the floor) beats a sampled figure.
        worst_rss = max(measurements, key=lambda m: ({"exact": 2, "floor": 1, "sampled": 0}[m.kind], m.peak_kib))
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
            "peakRssKind": worst_rss.kind,
            "rssFloorMiB": max(m.floor_kib for m in measurements) / 1024,
            "baseline": baseline,
            "wcSeconds": self.wc.get(baseline) if baseline else None,
            "ratioToWc": best / self.wc[baseline] if baseline and self.wc.get(baseline) else None,
            "reference": reference,
            "ratioToReference": None,
        }
        if reference:
            ref_row = next((r for r in self.rows if r["name"] == reference), None)
            if ref_row and ref_row["bestSeconds"] > 0:
                row["ratioToReference"] = best / ref_row["bestSeconds"]
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
    parser.add_argument("--steps", default="diff,sort,archive,validate,convert",
                        help="which groups to run, comma-separated (default diff,sort,archive,validate,convert; archive needs diff)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    if not steps or any(s not in ("diff", "sort", "archive", "validate", "convert") for s in steps):
        parser.error("--steps takes diff, sort, archive, validate and convert, comma-separated")
    if "archive" in steps and "diff" not in steps:
        parser.error("the archive step archives the diff output: --steps must include diff")
    args.bin = os.path.abspath(args.bin) if os.sep in args.bin else (shutil.which(args.bin) or args.bin)
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        die(f"not an executable: {args.bin} (build it first: swift build -c release)")
    if not shutil.which("wc"):
        die("wc not found")
    args.data = os.path.abspath(args.data)
    old, new, shuffled = (os.path.join(args.data, n) for n in ("old.ndjson", "new.ndjson", "shuffled.ndjson"))
    expected_path = os.path.join(args.data, "expected.json")
    loose = [p.replace(".ndjson", ".loose.ndjson") for p in (old, new, shuffled)]
    for path in (old, new, shuffled, *loose, expected_path):
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

    diff_dir = W("diff")
    if "diff" in steps:
        run_diff(bench, args.bin, old, new, diff_dir, expected)
    if "sort" in steps:
        run_sort(bench, args.bin, shuffled, new, W("sorted.ndjson"))
    archive_bytes = None
    if "archive" in steps:
        archive_bytes = run_archive(bench, args.bin, old, new, diff_dir, W("run"), W("run.tar.zst"))

    if "validate" in steps:
        run_validate(bench, args.bin, new)
    if "convert" in steps:
        run_convert(bench, args.bin, new, W("new.xml"), W("back.ndjson"))

    print_table(bench.rows)
    markdown = markdown_table(bench.rows, args.repeat)
    print("\nMarkdown (for bench/README.md):\n")
    print(markdown)
    failed = [name for name, c in bench.checks.items() if c["status"] != "OK"]
    results = {
        "createdAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "host": host_info(),
        "posbridge": {"path": args.bin, "version": version_text},
        "data": {"folder": shown(args.data), "expected": expected},
        "work": work,
        "repeat": args.repeat,
        "steps": steps,
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


def run_diff(bench: Bench, binary: str, old: str, new: str, diff_dir: str, expected: dict) -> None:
    bench.baseline("diff", "old + new", [old, new])
    bench.run("diff", [binary, "diff", old, new, "--out", diff_dir], [old, new], baseline="diff",
              before_each=lambda: remove(diff_dir))
    wanted = {k: expected["counts"][k] for k in ("create", "update", "missing", "unchanged")}
    check_counts(bench, "diff counts", os.path.join(diff_dir, "summary.json"), wanted)
    old_loose, new_loose = (p.replace(".ndjson", ".loose.ndjson") for p in (old, new))
    loose_dir = diff_dir + "-loose"
    bench.run("diff (not canonical)", [binary, "diff", old_loose, new_loose, "--out", loose_dir],
              [old_loose, new_loose], baseline="diff", before_each=lambda: remove(loose_dir), reference="diff")
    check_counts(bench, "diff (not canonical) counts", os.path.join(loose_dir, "summary.json"), wanted)


def check_counts(bench: Bench, name: str, summary_path: str, wanted: dict) -> None:
    try:
        with open(summary_path, encoding="utf-8") as f:
            summary = json.load(f)
        actual = {k: summary.get("counts", {}).get(k) for k in wanted}
        bench.check(name, actual == wanted, {"expected": wanted, "actual": actual})
    except (OSError, ValueError, AttributeError) as error:
        bench.check(name, False, {"expected": wanted, "error": f"{summary_path}: {error}"})


def run_sort(bench: Bench, binary: str, shuffled: str, new: str, sorted_path: str) -> None:
    bench.baseline("sort", "shuffled", [shuffled])
    gnu_out = sorted_path + ".gnu"
    # The standard tool: GNU sort of the same lines by bytes, with a comparable memory budget.
    bench.run("GNU sort", ["env", "LC_ALL=C", "sort", "-S", "256M", "-o", gnu_out, shuffled], [shuffled],
              baseline="sort", before_each=lambda: remove(gnu_out))
    remove(gnu_out)
    clean = lambda: (remove(sorted_path), remove(sorted_path + ".manifest.json"))  # noqa: E731
    for label, extra in (("sort", []), ("sort --max-memory 64MB", ["--max-memory", "64MB"])):
        bench.run(label, [binary, "snapshot", "sort", shuffled, sorted_path, *extra], [shuffled],
                  baseline="sort", before_each=clean, reference="GNU sort")
        check_same(bench, f"{label} output == new.ndjson", sorted_path, new)
    loose = shuffled.replace(".ndjson", ".loose.ndjson")
    bench.run("sort (not canonical)", [binary, "snapshot", "sort", loose, sorted_path], [loose],
              baseline="sort", before_each=clean, reference="GNU sort")
    # The loose lines carry no ref: sorted, they are new.ndjson with every ref empty.
    wanted = sorted_path + ".wanted"
    write_without_ref(new, wanted)
    check_same(bench, "sort (not canonical) output == new.ndjson without ref", sorted_path, wanted)
    remove(wanted)


def check_same(bench: Bench, name: str, output: str, wanted: str) -> None:
    ok = os.path.isfile(output) and same_bytes(output, wanted)
    bench.check(name, ok, {"output": shown(output),
                           "outputBytes": os.path.getsize(output) if os.path.isfile(output) else None})


def write_without_ref(src: str, dst: str) -> None:
    with open(src, "rb") as f, open(dst, "wb") as out:
        for line in f:
            ref_at = line.index(b',"ref":')
            fields_at = line.index(b',"fields":', ref_at)
            out.write(line[:ref_at] + b',"ref":{}' + line[fields_at:])


def run_archive(bench: Bench, binary: str, old: str, new: str, diff_dir: str, run_dir: str, archive: str) -> int | None:
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
    bench.run("archive create", [binary, "archive", "create", run_dir, "--out", archive, "--force"], run_files,
              baseline="archive", records=run_records, input_bytes=run_bytes)
    archive_bytes = os.path.getsize(archive) if os.path.isfile(archive) else None
    bench.run("archive verify", [binary, "archive", "verify", archive], run_files,
              baseline="archive", records=run_records, input_bytes=run_bytes)
    bench.run("archive verify --fast", [binary, "archive", "verify", archive, "--fast"], run_files,
              baseline="archive", records=run_records, input_bytes=run_bytes)
    return archive_bytes


def run_validate(bench: Bench, binary: str, new: str) -> None:
    bench.baseline("validate", "new", [new])
    bench.run("snapshot validate", [binary, "snapshot", "validate", new], [new], baseline="validate")


def run_convert(bench: Bench, binary: str, new: str, xml: str, back: str) -> None:
    bench.run("convert to xml", [binary, "snapshot", "convert", new, xml, "--to", "xml"], [new],
              baseline="validate", before_each=lambda: remove(xml))
    bench.run("convert xml to ndjson", [binary, "snapshot", "convert", xml, back, "--to", "ndjson"], [new],
              baseline="validate", before_each=lambda: (remove(back), remove(back + ".manifest.json")),
              input_bytes=os.path.getsize(xml) if os.path.isfile(xml) else None)
    ok = os.path.isfile(back) and same_bytes(back, new)
    bench.check("ndjson -> xml -> ndjson == new.ndjson", ok, {"output": shown(back)})


def host_info() -> dict:
    import platform  # imported late: every import raises this script's RSS, the measuring floor

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


FOOTNOTE = ("* under the measuring floor ({floor:.1f} MiB: this script's own peak RSS, which Linux folds into "
            "the ru_maxrss of every child it starts). `~N*` is the child's VmHWM sampled from /proc every 5 ms; "
            "`≤N*` means it could not be sampled (it ended within 5 ms, or runs the same executable as this script).")


def rss_text(row: dict) -> str:
    value = fmt(row["peakRssMiB"], 1)
    return {"exact": value, "sampled": f"~{value}*", "floor": f"≤{value}*"}[row["peakRssKind"]]


def reference_text(row: dict) -> str:
    """The time as a multiple of the row it is judged against (GNU sort, the canonical diff)."""
    if not row.get("reference") or row.get("ratioToReference") is None:
        return "–"
    return f"{row['ratioToReference']:.2f} × {row['reference']}"


def print_table(rows: list[dict]) -> None:
    header = ["step", "best s", "input MiB", "MiB/s", "records", "records/s", "peak RSS MiB", "× wc -l", "× reference"]
    body = [[r["name"], fmt(r["bestSeconds"], 3), fmt(r["inputMiB"], 1), fmt(r["mibPerSecond"], 1),
             f"{r['records']:,}", fmt(r["recordsPerSecond"], 0), rss_text(r), fmt(r["ratioToWc"], 1),
             reference_text(r)]
            for r in rows]
    widths = [max(len(x) for x in column) for column in zip(header, *body)]
    print()
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
    print("  ".join("-" * w for w in widths))
    for line in body:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))))


def markdown_table(rows: list[dict], repeat: int) -> str:
    out = ["| Step | Command | Input MiB | Records | Best of " + str(repeat)
           + " (s) | MiB/s | Records/s | Peak RSS MiB | × `wc -l` | × reference |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        command = r["command"].replace("|", "\\|")
        out.append(f"| {r['name']} | `{command}` | {fmt(r['inputMiB'], 1)} | {r['records']:,} | "
                   f"{fmt(r['bestSeconds'], 3)} | {fmt(r['mibPerSecond'], 1)} | {fmt(r['recordsPerSecond'], 0)} | "
                   f"{rss_text(r)} | {fmt(r['ratioToWc'], 1)} | {reference_text(r)} |")
    if any(r["peakRssKind"] != "exact" for r in rows):
        out += ["", FOOTNOTE.format(floor=max(r["rssFloorMiB"] for r in rows))]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
