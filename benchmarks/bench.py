"""Speed figures for budgetcheck: seed verification, CLI start-up, throughput.

Why these three: (a) the in-process time on the real seed is what a library
user pays per document; (b) the CLI wall time, set against a bare
``python -c pass``, shows how much is interpreter and import overhead rather
than checking; (c) verifying many generated documents measures steady-state
throughput on inputs of varied shape, and - since generated documents are
consistent by construction - also shows at a glance whether the checker
raises false errors on them.

Run:  python benchmarks/bench.py [--runs 30] [--cli-runs 10] [--docs 200]
                                 [--seed PATH] [--no-cli] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
SYNTH_SEED = 20230101  # fixed: the same 200 documents on every run


def _import_api():
    """Import the API, from an installed package or from this checkout."""
    for path in (SRC, ROOT):  # the package from this checkout, and the tests' generator (tests/synth)
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    try:
        from budgetcheck.app.api import verify_path, verify_text
        from tests.synth import generate
    except Exception as exc:  # noqa: BLE001 - any import failure means "not ready"
        sys.exit(f"bench: cannot import budgetcheck.app.api / tests.synth ({type(exc).__name__}: {exc})")
    return verify_path, verify_text, generate


def _default_seed() -> Path:
    seeds = sorted((ROOT / "seeds").glob("*-budget.txt"))
    if not seeds:
        sys.exit(f"bench: no *-budget.txt in {ROOT / 'seeds'}; pass --seed PATH")
    return seeds[-1]  # the newest year's budget: the bundled 2023 sample that README's first command verifies


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def bench_seed(verify_path, seed: Path, runs: int) -> dict:
    report = verify_path(seed)  # warm-up (imports, caches)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        report = verify_path(seed)
        times.append(time.perf_counter() - t)
    severities = Counter(f.severity for f in report.findings)
    return {"seed": str(seed.relative_to(ROOT) if seed.is_relative_to(ROOT) else seed),
            "runs": runs, "median_ms": _ms(times), "findings": dict(sorted(severities.items()))}


def bench_narrative(seed: Path, runs: int) -> dict:
    """The seed verified with and without the narrative rules: what the prose checks cost."""
    from budgetcheck.app.api import verify_path
    from budgetcheck.engine import Settings
    from budgetcheck.rules import REGISTRY

    tables_only = Settings(ignore=tuple(i for i, r in REGISTRY.items() if r.group == "narrative"))
    variants = (("tables_only_ms", tables_only), ("with_narrative_ms", Settings()))
    samples: dict[str, list[float]] = {name: [] for name, _ in variants}
    for name, settings in variants:
        verify_path(str(seed), settings)  # warm-up
    for _ in range(runs):  # interleaved, so that a busy moment of the machine hits both alike
        for name, settings in variants:
            t = time.perf_counter()
            verify_path(str(seed), settings)
            samples[name].append(time.perf_counter() - t)
    out = {name: _ms(times) for name, times in samples.items()}
    out["added"] = f"{(out['with_narrative_ms'] / out['tables_only_ms'] - 1) * 100:+.0f}%"
    return out


def bench_cli(seed: Path, runs: int) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    # as a user's machine runs it: with compiled modules cached (this workplace sets
    # PYTHONDONTWRITEBYTECODE, which would recompile every module on every run)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cli = [sys.executable, "-m", "budgetcheck", "verify", str(seed), "--format", "json"]
    bare = [sys.executable, "-c", "pass"]

    def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        return time.perf_counter() - t, proc

    _, proc = timed(cli)  # warm-up, and a sanity check of the output
    if not proc.stdout.strip():
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        sys.exit(f"bench: `budgetcheck verify` produced no output (exit {proc.returncode}): {last}")
    try:
        json.loads(proc.stdout)
    except ValueError:
        sys.exit("bench: `budgetcheck verify --format json` did not print JSON")
    cli_t = [timed(cli)[0] for _ in range(runs)]
    bare_t = [timed(bare)[0] for _ in range(runs)]
    return {"runs": runs, "cli_median_ms": _ms(cli_t), "python_median_ms": _ms(bare_t),
            "ratio": round(statistics.median(cli_t) / statistics.median(bare_t), 2),
            "exit_code": proc.returncode}


def bench_throughput(verify_text, generate, n_docs: int) -> dict:
    shapes = [{}, {"unit": "元"}, {"page_breaks": True}, {"decimals": 4, "page_breaks": True}]
    master = random.Random(SYNTH_SEED)
    docs = [generate(random.Random(master.getrandbits(64)), **shapes[i % len(shapes)]).text
            for i in range(n_docs)]
    severities: Counter = Counter()
    t = time.perf_counter()
    for i, text in enumerate(docs):
        report = verify_text(text, name=f"synth-{i:03d}.txt")
        severities.update(f.severity for f in report.findings)
    elapsed = time.perf_counter() - t
    return {"docs": n_docs, "seconds": round(elapsed, 3), "docs_per_second": round(n_docs / elapsed, 1),
            "findings": dict(sorted(severities.items()))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=30, help="in-process runs on the seed (default 30)")
    ap.add_argument("--cli-runs", type=int, default=10, help="subprocess runs of each command (default 10)")
    ap.add_argument("--docs", type=int, default=200, help="synthetic documents to verify (default 200)")
    ap.add_argument("--seed", type=Path, help="document for (a) and (b); default: the last seeds/*-budget.txt (the 2023 sample)")
    ap.add_argument("--no-cli", action="store_true", help="skip the subprocess measurement (b)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    verify_path, verify_text, generate = _import_api()
    seed = (args.seed or _default_seed()).resolve()
    if not seed.is_file():
        sys.exit(f"bench: no such file: {seed}")
    result = {"python": sys.version.split()[0], "seed_verify": bench_seed(verify_path, seed, args.runs),
              "narrative": bench_narrative(seed, args.runs)}
    if not args.no_cli:
        result["cli"] = bench_cli(seed, args.cli_runs)
    result["throughput"] = bench_throughput(verify_text, generate, args.docs)

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    s, tp = result["seed_verify"], result["throughput"]
    rows = [("(a) verify seed, in-process", f"{s['median_ms']} ms", f"median of {s['runs']}; {s['seed']}"),
            ("    findings on the seed", _counts(s["findings"]), ""),
            ("    tables only / with narrative", f"{result['narrative']['tables_only_ms']} / "
             f"{result['narrative']['with_narrative_ms']} ms", f"narrative rules add {result['narrative']['added']}")]
    if "cli" in result:
        c = result["cli"]
        rows += [("(b) budgetcheck verify (CLI)", f"{c['cli_median_ms']} ms",
                  f"median of {c['runs']}, exit {c['exit_code']}"),
                 ("    python -c pass", f"{c['python_median_ms']} ms", f"median of {c['runs']}"),
                 ("    CLI / bare python", f"{c['ratio']}x", "")]
    rows += [("(c) synthetic throughput", f"{tp['docs_per_second']} docs/s",
              f"{tp['docs']} docs in {tp['seconds']} s"),
             ("    findings on synthetic docs", _counts(tp["findings"]), "errors here are false alarms")]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}".rstrip())
    return 0


def _counts(c: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in c.items()) or "none"


if __name__ == "__main__":
    raise SystemExit(main())
