"""Start-up, throughput and memory of prsscheck, measured in one run so the ratios are fair.

    python bench/run.py [--runs 15] [--profiles 10000] [--json FILE]

Not part of the test suite. Each command runs --runs times, round-robin (after one
warm-up run that also fills the rules cache); we report the median and min wall time, the peak RSS of the
child process (from os.wait4), and ratios against the floor (`import typer, rich.console,
rich.table`) and against check-jsonschema on the same files. The engine is then timed
in-process on synthetic profiles against all 51 jurisdictions, and the batch mode end to
end on a JSON Lines file of the same profiles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
EXAMPLE = REPO / "examples" / "answers.yaml"


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and the child's own peak RSS in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")[-300:] if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {err}")
    return elapsed, usage.ru_maxrss / 1024


def measure_all(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict:
    """Round-robin: run 1 of every command, then run 2 of every command, ... so that a
    noisy moment on the machine touches all commands alike and the ratios stay fair."""
    for argv in commands.values():
        run_once(argv, env)  # warm-up: OS file cache, prsscheck's rules cache
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(run_once(argv, env))
    return {
        name: {"median_s": statistics.median(t for t, _ in got), "min_s": min(t for t, _ in got), "peak_rss_mb": max(m for _, m in got)}
        for name, got in samples.items()
    }


def synthetic_profiles(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    lived = [["mental_health"], ["substance_use"], ["mental_health", "substance_use"], ["family"]]
    out = []
    for _ in range(n):
        out.append(
            {
                "age": rng.randint(16, 70),
                "education": rng.choice(["none", "high_school_or_ged", "associate", "bachelor"]),
                "lived_experience": rng.choice(lived),
                "recovery_months": rng.randint(0, 120),
                "in_state": rng.random() < 0.8,
                "training_hours": rng.choice([0, 10, 40, 46, 80]),
                "experience_hours": rng.choice([0, 100, 500, 1000]),
                "supervised_hours": rng.choice([0, 10, 25]),
                "exam_passed": rng.choice([[], ["icrc_pr"]]),
                "background": rng.choice(["none", "none", "has_record", "prefer_not_to_say"]),
            }
        )
    return out


def engine_throughput(profiles: list[dict]) -> dict:
    sys.path.insert(0, str(REPO / "src"))
    from prsscheck import engine, rules
    from prsscheck.answers import profile_from_mapping

    jurisdictions = rules.load_all(RULES)
    reciprocal = engine.icrc_reciprocal_ids(jurisdictions)
    contexts = [(engine.Context(icrc_reciprocal_ids=reciprocal, state_name=j.name), j.credentials) for j in jurisdictions]
    parsed = [profile_from_mapping(p) for p in profiles]

    def timed(verdict, some_profiles) -> tuple[int, float]:
        count, start = 0, time.perf_counter()
        for profile in some_profiles:
            for context, credentials in contexts:
                for credential in credentials:
                    verdict(profile, credential, context)
                    count += 1
        return count, time.perf_counter() - start

    # Status verdicts (what batch mode computes), every profile against all 51 jurisdictions.
    verdicts, elapsed = timed(engine.status, parsed)
    # Full verdicts (with every reason, number and next step, as `assess` shows), on a sample.
    sample = parsed[: max(1, len(parsed) // 10)]
    full, full_elapsed = timed(engine.evaluate, sample)
    return {
        "profiles": len(parsed),
        "verdicts": verdicts,
        "seconds": elapsed,
        "verdicts_per_s": verdicts / elapsed,
        "profiles_per_s": len(parsed) / elapsed,
        "full_profiles": len(sample),
        "full_verdicts": full,
        "full_verdicts_per_s": full / full_elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    python = sys.executable
    bindir = Path(python).parent
    prsscheck = shutil.which("prsscheck", path=str(bindir)) or shutil.which("prsscheck")
    if not prsscheck:
        raise SystemExit("prsscheck is not installed in this environment: pip install '.[bench]'")
    cache = tempfile.mkdtemp(prefix="prsscheck-bench-")
    env = dict(os.environ, XDG_CACHE_HOME=cache, COLUMNS="100", NO_COLOR="1")
    # A user's installed prsscheck has its bytecode compiled (pip does it at install time);
    # an editable checkout under PYTHONDONTWRITEBYTECODE would recompile every module on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    states = sorted(str(p) for p in (RULES / "states").glob("*.yaml"))

    commands = {
        "floor: python -c pass": [python, "-c", "pass"],
        "floor: import typer, rich": [python, "-c", "import typer, rich.console, rich.table"],
        "prsscheck --version": [prsscheck, "--version"],
        "compare TX MO": [prsscheck, "compare", "TX", "MO"],
        "show TX --json": [prsscheck, "show", "TX", "--json"],
        "assess --answers --json": [prsscheck, "assess", "--answers", str(EXAMPLE), "--json"],
        "assess --all-states --json": [prsscheck, "assess", "--all-states", "--answers", str(EXAMPLE), "--json"],
        "assess --all-states (JSON answers)": [
            prsscheck,
            "assess",
            "--all-states",
            "--answers",
            str(EXAMPLE.with_suffix(".json")),
            "--json",
        ],
        "validate (51 files)": [prsscheck, "--rules-dir", str(RULES), "validate"],
    }
    peer = shutil.which("check-jsonschema", path=str(bindir)) or shutil.which("check-jsonschema")
    if peer:
        commands["peer: check-jsonschema"] = [peer, "--schemafile", str(RULES / "schema.json"), *states]

    started = time.perf_counter()
    results = measure_all(commands, args.runs, env)

    def ratio(name: str, base: str) -> str:
        """Ratio of medians, with the ratio of minimums beside it (less touched by noise)."""
        return f"{results[name]['median_s'] / results[base]['median_s']:5.2f} (min {results[name]['min_s'] / results[base]['min_s']:.2f})"

    floor = "floor: import typer, rich"
    ratios = {
        "compare TX MO / floor (target <= 1.3)": ratio("compare TX MO", floor),
        "assess --all-states / floor (target <= 1.5)": ratio("assess --all-states --json", floor),
        "assess --all-states, JSON answers / floor": ratio("assess --all-states (JSON answers)", floor),
    }
    if peer:
        ratios["validate / check-jsonschema (target <= 1.0)"] = ratio("validate (51 files)", "peer: check-jsonschema")
    ours = [name for name in results if not name.startswith(("floor", "peer"))]
    ratios["max peak RSS of prsscheck, MB (target <= 60)"] = f"{max(results[name]['peak_rss_mb'] for name in ours):5.1f}"

    profiles = synthetic_profiles(args.profiles)
    throughput = engine_throughput(profiles)
    batch_file = Path(cache) / "profiles.jsonl"
    batch_file.write_text("".join(json.dumps(p) + "\n" for p in profiles))
    start = time.perf_counter()
    subprocess.run([prsscheck, "assess", "--answers-batch", str(batch_file), "--json"], stdout=subprocess.DEVNULL, check=True, env=env)
    batch_seconds = time.perf_counter() - start

    print()
    print(f"{'command':32} {'median':>9} {'min':>9} {'peak RSS':>9}")
    for name, r in results.items():
        print(f"{name:32} {r['median_s'] * 1000:7.0f}ms {r['min_s'] * 1000:7.0f}ms {r['peak_rss_mb']:7.1f}MB")
    print()
    for name, value in ratios.items():
        print(f"{name:50} {value}")
    print()
    print(
        f"engine, status verdicts: {throughput['verdicts']:,} for {throughput['profiles']:,} profiles x 51 jurisdictions "
        f"in {throughput['seconds']:.2f}s "
        f"= {throughput['verdicts_per_s']:,.0f} verdicts/s ({throughput['profiles_per_s']:,.0f} profiles/s; target >= 100,000 verdicts/s)"
    )
    print(
        f"engine, full verdicts with reasons and next steps: {throughput['full_verdicts']:,} for {throughput['full_profiles']:,} profiles "
        f"= {throughput['full_verdicts_per_s']:,.0f} verdicts/s"
    )
    print(
        f"batch mode end to end (--answers-batch, {len(profiles):,} profiles, all states): {batch_seconds:.2f}s"
        f" = {len(profiles) / batch_seconds:,.0f} profiles/s"
    )
    print(f"(benchmark took {time.perf_counter() - started:.0f}s; {args.runs} runs per command; python {sys.version.split()[0]})")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"commands": results, "ratios": ratios, "engine": throughput, "batch_profiles_per_s": len(profiles) / batch_seconds},
                indent=2,
            )
        )
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
