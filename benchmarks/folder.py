"""Whole-folder speed: ``budgetcheck verify DIR`` with ``--jobs 1`` against ``--jobs N``.

Why a separate script: the folder command is what CI and a finance bureau run on a
year's submissions, and what it costs depends on processes, not on the rules.  The
folder holds ``--docs`` synthetic documents (``tests.synth.generate`` with
random seeds drawn from a fixed master seed, in four shapes) and three broken files
(empty, binary, no tables), so the run also exercises the error path (exit 2).  Each
command runs as a user would run it (a subprocess of the same interpreter, JSON
output); the script checks that every ``--jobs`` gives byte-identical stdout and
stderr and the same exit code, and reports the median wall time of ``--runs`` runs
and the CPU time they used (the command and its worker processes).  CPU time shows
what parallelism costs (pickling, start-up) whatever else the machine is doing; wall
time shows what it gains, and only on an otherwise idle machine.

Run:  python benchmarks/folder.py [--docs 500] [--jobs 1 2] [--runs 3] [--dir PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
MASTER_SEED = 20240601
SHAPES = [{}, {"unit": "元"}, {"page_breaks": True}, {"decimals": 4, "page_breaks": True}]


def make_folder(folder: Path, n_docs: int) -> None:
    """``n_docs`` generated documents in 10 subfolders, and the three broken files."""
    for path in (SRC, ROOT):  # the package from this checkout, and the tests' generator (tests/synth)
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from tests.synth import generate

    master = random.Random(MASTER_SEED)
    for i in range(n_docs):
        doc = generate(random.Random(master.getrandbits(64)), **SHAPES[i % len(SHAPES)])
        sub = folder / f"unit-{i % 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"budget-{i:04d}.txt").write_text(doc.text, encoding="utf-8")
    broken = folder / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "empty.txt").write_bytes(b"")
    (broken / "binary.txt").write_bytes(bytes(random.Random(1).randbytes(4096)))
    (broken / "no-tables.txt").write_text("部门预算说明\n\n一、部门职责\n负责全市相关工作。\n", encoding="utf-8")


def timed(folder: Path, jobs: int) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall time, CPU time (the command and its workers) and the finished process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "budgetcheck", "verify", str(folder), "--format", "json", "--jobs", str(jobs),
           "--no-config", "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=folder)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def control(jobs_list: list[int]) -> dict[int, float]:
    """The speed-up pure CPU work gets from N processes on this machine right now: the
    ceiling for any --jobs figure (other work on the machine lowers it)."""
    from concurrent.futures import ProcessPoolExecutor

    times = {}
    for jobs in jobs_list:
        start = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_burn, [2_000_000] * 8))
        times[jobs] = time.perf_counter() - start
    return {jobs: round(times[jobs_list[0]] / times[jobs], 2) for jobs in jobs_list}


def measure(folder: Path, jobs_list: list[int], runs: int) -> dict:
    result: dict = {"cores": os.cpu_count(), "load_before": round(os.getloadavg()[0], 2), "runs": runs, "jobs": {}}
    reference = None
    for jobs in jobs_list:
        times, cpus = [], []
        for _ in range(runs):
            seconds, cpu, proc = timed(folder, jobs)
            times.append(seconds)
            cpus.append(cpu)
            outcome = (proc.returncode, proc.stdout, proc.stderr)
            if reference is None:
                reference = outcome
                report = json.loads(proc.stdout)
                docs = report["documents"]
                result["documents"] = len(docs)
                result["unreadable"] = sum(1 for d in docs if d.get("error"))
                result["summary"] = report["summary"]
                result["exit_code"] = proc.returncode
            elif outcome != reference:
                sys.exit(f"folder: --jobs {jobs} gave a different output than --jobs {jobs_list[0]}")
        median = statistics.median(times)
        result["jobs"][jobs] = {"median_s": round(median, 2), "docs_per_s": round(result["documents"] / median, 1),
                                "cpu_s": round(statistics.median(cpus), 2)}
    base = result["jobs"][jobs_list[0]]["median_s"]
    for jobs in jobs_list:
        result["jobs"][jobs]["speedup"] = round(base / result["jobs"][jobs]["median_s"], 2)
    result["identical_output"] = True
    result["load_after"] = round(os.getloadavg()[0], 2)
    result["control_speedup"] = control(jobs_list)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=500, help="generated documents (default 500)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to compare (default 1 2)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each command; the median counts (default 3)")
    ap.add_argument("--dir", type=Path, help="build the folder here (kept); default: a temporary folder")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="budgetcheck-folder-") as tmp:
        folder = (args.dir or Path(tmp)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        make_folder(folder, args.docs)
        made = time.perf_counter() - start
        result = measure(folder, args.jobs, args.runs)
    result["generated_in_s"] = round(made, 1)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['documents']} documents ({result['unreadable']} unreadable), {result['cores']} cores, "
          f"median of {result['runs']} runs, exit code {result['exit_code']}, identical output for every --jobs")
    for jobs, row in result["jobs"].items():
        print(f"  --jobs {jobs}: {row['median_s']:>7} s  {row['docs_per_s']:>6} docs/s  x{row['speedup']:<5} "
              f"CPU {row['cpu_s']} s")
    print(f"  load average (1 min) {result['load_before']} before, {result['load_after']} after; "
          f"pure CPU work gets x{' / x'.join(str(v) for v in result['control_speedup'].values())} "
          "from the same --jobs now (the ceiling)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
