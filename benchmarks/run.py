"""On-demand performance benchmark for ``salesblueprint check``.

Measures, side by side in one run on the same files:

* cold start: wall time of ``salesblueprint check`` on a small example against
  ``check-jsonschema`` (trivial schema) and ``yamllint -d relaxed``;
* big files: wall time and peak memory of ``salesblueprint check`` on generated 20,000- and
  200,000-stage blueprints against a bare PyYAML ``CSafeLoader`` parse of the same file.

Prints a table, compares the ratios with their targets and writes ``benchmarks/results.json``.
Standard library only; check-jsonschema and yamllint are optional. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_blueprint import generate  # noqa: E402

TRIVIAL_SCHEMA = HERE / "trivial.json"
DEFAULT_OUTPUT = HERE / "results.json"
BIG_SIZES = (20_000, 200_000)
OUTPUT_PREVIEW_LINES = 15
CHECK_OK = (0, 1)  # check's exit codes when it ran to the end: clean, or findings (2 = failure)
# a generated big file is meant to check clean: an error (exit 1) may mean the check stopped early
# (SB006 at the node limit), which would time a fraction of the work
BIG_OK = (0,)
BIG_MAX_NODES = 5_000_000  # `max-nodes` for the big files (docs/configuration.md)

BARE_PARSE = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"

# Runs a command in a fresh process and reports its wall time and the peak RSS of that child
# alone (RUSAGE_CHILDREN of this wrapper, which has no other children), as one JSON line.
# argv: timeout-seconds output-file command...
_WRAPPER = r"""
import json, resource, subprocess, sys, time
timeout = float(sys.argv[1]) or None
with open(sys.argv[2], "wb") as out:
    start = time.perf_counter()
    try:
        rc = subprocess.run(sys.argv[3:], stdout=out, stderr=subprocess.STDOUT,
                            timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        rc = None
    wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
print(json.dumps({"wall": wall, "rc": rc, "max_rss": usage.ru_maxrss * scale,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""

TARGETS: dict[str, tuple[str, float]] = {
    # key: (description, maximum)
    "cold_start_vs_check_jsonschema": ("cold start: check / check-jsonschema", 1.0),
    "time_vs_bare_parse": ("big file time: check / bare parse", 2.0),
    "time_scaling_200k_vs_20k": ("check time: 200k / 20k stages", 12.0),
    "memory_vs_bare_parse": ("big file peak memory: check / bare parse", 4.0),
}


class BenchmarkError(Exception):
    """A problem that stops the benchmark with a message (no traceback)."""


@dataclass
class Timing:
    """Repeated wall-time (and optionally peak-memory) measurements of one command."""

    label: str
    command: list[str]
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system time of each run
    max_rss: list[int] = field(default_factory=list)
    exit_code: int | None = None
    timed_out: bool = False
    output_head: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def median_cpu(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def peak_rss(self) -> int | None:
        return max(self.max_rss) if self.max_rss else None

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["median_s"] = self.median
        data["median_cpu_s"] = self.median_cpu
        data["peak_rss_bytes"] = self.peak_rss
        return data


@dataclass
class BigResult:
    """Bare parse and ``check`` of one generated file."""

    stages: int
    nbytes: int
    bare: Timing
    check: Timing

    def to_json(self) -> dict[str, object]:
        return {
            "stages": self.stages,
            "bytes": self.nbytes,
            "bare": self.bare.to_json(),
            "check": self.check.to_json(),
        }


@dataclass
class Ratio:
    key: str
    description: str
    value: float | None
    target: float

    @property
    def passed(self) -> bool | None:
        return None if self.value is None else self.value <= self.target


# --------------------------------------------------------------------------------------------
# finding the tools


def find_command(name: str) -> str | None:
    """A console script from this interpreter's environment first, else from ``PATH``.

    Preferring the script next to ``sys.executable`` avoids shims (pyenv, asdf) that would add
    their own start-up time, and keeps every tool in the same environment.
    """
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def salesblueprint_command() -> list[str]:
    """The command that runs the CLI: ``salesblueprint`` on PATH, else ``python -m``."""
    candidates: list[list[str]] = []
    script = find_command("salesblueprint")
    if script:
        candidates.append([script])
    candidates.append([sys.executable, "-m", "salesblueprint"])
    problems: list[str] = []
    for command in candidates:
        try:
            proc = subprocess.run(
                [*command, "--help"], capture_output=True, text=True, timeout=120, cwd=ROOT
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            problems.append(f"  {' '.join(command)} --help: {exc}")
            continue
        if proc.returncode == 0:
            return command
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        problems.append(
            f"  {' '.join(command)} --help exited {proc.returncode}: "
            + (detail[-1] if detail else "(no output)")
        )
    raise BenchmarkError(
        "salesblueprint is not installed or its CLI does not start:\n"
        + "\n".join(problems)
        + "\nInstall it first:  pip install -e '.[dev]' check-jsonschema yamllint"
    )


def version_of(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


# --------------------------------------------------------------------------------------------
# measuring


def head(text: str, lines: int = OUTPUT_PREVIEW_LINES) -> list[str]:
    return text.splitlines()[:lines]


def _cpu_of_children() -> float | None:
    try:
        import resource  # not on Windows
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cold_starts(commands: list[Timing], repeats: int, timeout: float) -> None:
    """Wall and CPU time of each command, ``repeats`` rounds after one untimed warm-up round
    (fills OS and .pyc caches). Each round runs every command once, in turn, so that all of them
    see the same machine: on a shared machine the load changes from minute to minute."""
    for attempt in range(repeats + 1):
        for timing in commands:
            if timing.timed_out:
                continue
            cpu = _cpu_of_children()
            start = time.perf_counter()
            try:
                proc = subprocess.run(
                    timing.command, capture_output=True, timeout=timeout, cwd=ROOT
                )
            except subprocess.TimeoutExpired:
                timing.timed_out = True
                continue
            elapsed = time.perf_counter() - start
            after = _cpu_of_children()
            if attempt:
                timing.runs.append(elapsed)
                if cpu is not None and after is not None:
                    timing.cpu.append(after - cpu)
            timing.exit_code = proc.returncode
            output = (proc.stdout + proc.stderr).decode("utf-8", "replace")
            timing.output_head = head(output)


def time_with_memory(
    label: str, command: list[str], repeats: int, timeout: float, workdir: Path
) -> Timing:
    """Wall time and peak RSS of ``command``, each run in a fresh wrapper process."""
    timing = Timing(label, command)
    output_file = workdir / "output.txt"
    for _ in range(repeats):
        wrapper = [sys.executable, "-c", _WRAPPER, str(timeout), str(output_file), *command]
        proc = subprocess.run(wrapper, capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise BenchmarkError(f"measuring {label} failed:\n{proc.stderr.strip()}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        with output_file.open("rb") as fh:
            preview = fh.read(64 * 1024).decode("utf-8", "replace")
        timing.output_head = head(preview)
        if result["rc"] is None:
            timing.timed_out = True
            timing.exit_code = None
            break
        timing.exit_code = result["rc"]
        timing.runs.append(result["wall"])
        timing.max_rss.append(result["max_rss"])
    return timing


# --------------------------------------------------------------------------------------------
# reporting


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def fmt_bytes(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:.0f} MiB"


def fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def status(timing: Timing) -> str:
    if timing.timed_out:
        return "TIMEOUT"
    return f"exit {timing.exit_code}"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    print("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        print(("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))).rstrip())


def warn_output(timing: Timing, what: str) -> None:
    print(f"\nWARNING: {timing.label} on {what}: {status(timing)}; first lines of its output:")
    for line in timing.output_head or ["(no output)"]:
        print(f"    {line}")


def ratio(numerator: float | int | None, denominator: float | int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


# --------------------------------------------------------------------------------------------
# the benchmark


def pick_example(option: Path | None, workdir: Path) -> Path:
    if option is not None:
        if not option.is_file():
            raise BenchmarkError(f"--example {option}: no such file")
        return option.resolve()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if examples:
        return examples[0]
    fallback = workdir / "small.yaml"
    generate(30, fallback)
    print(f"note: no examples/*.yaml found; using a generated 30-stage blueprint ({fallback.name})")
    return fallback


def cold_start(
    check: list[str], example: Path, repeats: int, timeout: float
) -> tuple[list[Timing], list[str]]:
    competitors: list[tuple[str, str, list[str]]] = [
        ("check-jsonschema", "check-jsonschema", ["--schemafile", str(TRIVIAL_SCHEMA)]),
        ("yamllint", "yamllint", ["-d", "relaxed"]),
    ]
    timings = [Timing("salesblueprint check", [*check, "check", str(example)])]
    skipped: list[str] = []
    for label, name, args in competitors:
        exe = find_command(name)
        if exe is None:
            skipped.append(label)
            print(f"note: {label} is not installed; skipping it (pip install {name})")
            continue
        timings.append(Timing(label, [exe, *args, str(example)]))
    time_cold_starts(timings, repeats, timeout)
    return timings, skipped


def big_files(
    check: list[str], sizes: list[int], repeats: int, timeout: float, workdir: Path
) -> list[BigResult]:
    results: list[BigResult] = []
    # the loader stops at 1,000,000 nodes (SB006); the 200,000-stage file holds about 4 million,
    # so the big files are checked with the project setting a team with such files would use
    config = workdir / "big.salesblueprint.yaml"
    config.write_text(f"max-nodes: {BIG_MAX_NODES}\n", encoding="utf-8")
    for size in sizes:
        path = workdir / f"blueprint_{size}.yaml"
        start = time.perf_counter()
        stages = generate(size, path)
        generated_in = time.perf_counter() - start
        nbytes = path.stat().st_size
        print(
            f"generated {path.name}: {stages:,} stages, {nbytes / 2**20:.1f} MiB "
            f"in {fmt_seconds(generated_in)}; measuring ({repeats}x each)...",
            flush=True,
        )
        bare = time_with_memory(
            "bare parse", [sys.executable, "-c", BARE_PARSE, str(path)], repeats, timeout, workdir
        )
        checked = time_with_memory(
            "salesblueprint check",
            [*check, "check", "--config", str(config), str(path)],
            repeats,
            timeout,
            workdir,
        )
        if bare.timed_out or bare.exit_code != 0:
            warn_output(bare, path.name)
        if checked.timed_out or checked.exit_code != 0:
            warn_output(checked, f"{path.name} (the generated file should check clean)")
        results.append(BigResult(stages, nbytes, bare, checked))
    return results


def usable(timing: Timing, accepted: tuple[int, ...]) -> bool:
    """Whether a measurement counts: it finished with an exit code that means "it worked"."""
    return not timing.timed_out and bool(timing.runs) and timing.exit_code in accepted


def compute_ratios(cold: list[Timing], big: list[BigResult]) -> list[Ratio]:
    """The target ratios; a ratio over a failed or timed-out measurement is left out (n/a)."""
    ratios: list[Ratio] = []

    def add(key: str, value: float | None, valid: bool, size: int | None = None) -> None:
        description, target = TARGETS[key]
        if size is not None:
            key, description = f"{key}_{size // 1000}k", f"{description} ({size // 1000}k)"
        ratios.append(Ratio(key, description, value if valid else None, target))

    by_label = {t.label: t for t in cold}
    check, baseline = by_label["salesblueprint check"], by_label.get("check-jsonschema")
    if baseline is not None:
        add(
            "cold_start_vs_check_jsonschema",
            ratio(check.median, baseline.median),
            usable(check, CHECK_OK) and usable(baseline, (0,)),
        )
    check_median: dict[int, float | None] = {}
    for entry in big:
        valid = usable(entry.check, BIG_OK) and usable(entry.bare, (0,))
        add("time_vs_bare_parse", ratio(entry.check.median, entry.bare.median), valid, entry.stages)
        memory = ratio(entry.check.peak_rss, entry.bare.peak_rss)
        add("memory_vs_bare_parse", memory, valid, entry.stages)
        check_median[entry.stages] = entry.check.median if usable(entry.check, BIG_OK) else None
    if len(check_median) > 1:
        small, large = min(check_median), max(check_median)
        scaling = ratio(check_median[large], check_median[small])
        add("time_scaling_200k_vs_20k", scaling, scaling is not None)
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark salesblueprint check.")
    parser.add_argument(
        "--example",
        type=Path,
        help="file for the cold-start comparison (default: the first examples/*.yaml, sorted)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats, and skip the 200,000-stage file"
    )
    parser.add_argument("--skip-big", action="store_true", help="only measure cold start")
    parser.add_argument(
        "--repeats",
        type=int,
        help="cold-start runs of each tool (default 10; 3 with --quick)",
    )
    parser.add_argument(
        "--timeout", type=float, default=900.0, help="seconds allowed per command run (default 900)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the JSON results (default {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a ratio misses its target"
    )
    args = parser.parse_args(argv)

    cold_repeats, big_repeats = (3, 1) if args.quick else (10, 3)
    if args.repeats is not None:
        if args.repeats < 1:
            parser.error("--repeats must be at least 1")
        cold_repeats = args.repeats
    sizes = [] if args.skip_big else list(BIG_SIZES[:1] if args.quick else BIG_SIZES)

    try:
        check = salesblueprint_command()
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"salesblueprint command: {' '.join(check)}")

    with tempfile.TemporaryDirectory(prefix="sb-bench-") as tmp:
        workdir = Path(tmp)
        try:
            example = pick_example(args.example, workdir)
            shown = example.relative_to(ROOT) if example.is_relative_to(ROOT) else example
            print(
                f"cold start on {shown} ({cold_repeats} runs each after one warm-up)...", flush=True
            )
            cold, skipped = cold_start(check, example, cold_repeats, args.timeout)
            big = big_files(check, sizes, big_repeats, args.timeout, workdir)
        except BenchmarkError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    print_table(
        f"Cold start: {shown}",
        ["tool", "median", "min", "cpu", "runs", "status"],
        [
            [
                t.label,
                fmt_seconds(t.median),
                fmt_seconds(min(t.runs) if t.runs else None),
                fmt_seconds(t.median_cpu),
                str(len(t.runs)),
                status(t),
            ]
            for t in cold
        ],
    )
    for t in cold:
        if t.label == "salesblueprint check" and not usable(t, CHECK_OK):
            warn_output(t, str(shown))
    if big:
        rows: list[list[str]] = []
        for entry in big:
            for t in (entry.bare, entry.check):
                rows.append(
                    [
                        f"{entry.stages:,}",
                        f"{entry.nbytes / 2**20:.1f} MiB",
                        t.label,
                        fmt_seconds(t.median),
                        fmt_bytes(t.peak_rss),
                        status(t),
                    ]
                )
        print_table(
            "Big files", ["stages", "size", "command", "median time", "peak RSS", "status"], rows
        )

    ratios = compute_ratios(cold, big)
    print_table(
        "Ratios (lower is better)",
        ["ratio", "value", "target", "result"],
        [
            [
                r.description,
                fmt_ratio(r.value),
                f"<= {r.target:.1f}",
                {True: "ok", False: "MISSED", None: "n/a"}[r.passed],
            ]
            for r in ratios
        ],
    )

    results = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "options": {"quick": args.quick, "skip_big": args.skip_big},
        "environment": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "versions": {
                name: version_of(name)
                for name in ("salesblueprint", "pyyaml", "check-jsonschema", "yamllint")
            },
            "salesblueprint_command": check,
        },
        "cold_start": {
            "file": str(shown),
            "skipped": skipped,
            "timings": [t.to_json() for t in cold],
        },
        "big_files": [entry.to_json() for entry in big],
        "ratios": [{**asdict(r), "passed": r.passed} for r in ratios],
    }
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")

    missed = [r for r in ratios if r.passed is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
