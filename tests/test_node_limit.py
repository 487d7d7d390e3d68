"""The loader's node limit (SB006) and the project setting that moves it (`max-nodes`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from salesblueprint.api import check_file
from salesblueprint.rules.config import Config, ConfigError, read_config

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))
import gen_blueprint  # noqa: E402
import run as bench_run  # noqa: E402


@pytest.fixture(scope="module")
def six_thousand_stages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated blueprint of 6,000 stages: about 120,000 nodes."""
    path = tmp_path_factory.mktemp("big") / "bp.yaml"
    gen_blueprint.generate(6000, path)
    return path


def test_a_blueprint_of_thousands_of_stages_is_read_whole(six_thousand_stages: Path) -> None:
    """The benchmarks' generated blueprints check clean (the 100,000-node limit of 2026-11-30
    stopped them at line 44,965 with SB006)."""
    findings = check_file(six_thousand_stages)
    assert not [f for f in findings if f.severity == "error"], findings[:3]


def test_max_nodes_lowers_or_raises_the_limit(six_thousand_stages: Path, tmp_path: Path) -> None:
    [stop] = check_file(six_thousand_stages, Config(max_nodes=50_000))
    assert stop.rule == "SB006" and "more than 50,000 keys" in stop.message
    config = tmp_path / ".salesblueprint.yaml"
    config.write_text("max-nodes: 2000000\n", encoding="utf-8")
    assert read_config(str(config)).max_nodes == 2_000_000
    assert check_file(six_thousand_stages, read_config(str(config))) == check_file(
        six_thousand_stages
    )


@pytest.mark.parametrize("value", ["0", "999", "50000001", "1.5e6", "'lots'", "true", "[1]"])
def test_max_nodes_must_be_a_whole_number_in_range(tmp_path: Path, value: str) -> None:
    config = tmp_path / ".salesblueprint.yaml"
    config.write_text(f"max-nodes: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max-nodes must be a whole number from 1000 to 50000000"):
        read_config(str(config))


def test_max_nodes_from_pyproject(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.salesblueprint]\nmax-nodes = 1000\n", encoding="utf-8")
    assert read_config(str(config)).max_nodes == 1000


def _timing(label: str, code: int) -> bench_run.Timing:
    t = bench_run.Timing(label, ["x"])
    t.runs = [1.0]
    t.exit_code = code
    return t


@pytest.mark.parametrize(("code", "counted"), [(0, True), (1, False), (2, False)])
def test_a_big_file_check_counts_only_when_it_exits_0(code: int, counted: bool) -> None:
    """A check with an error on a generated file may have stopped early: its ratios are n/a."""
    cold = [_timing("salesblueprint check", 0)]
    big = [
        bench_run.BigResult(20_000, 1, _timing("bare parse", 0), _timing("check", code)),
        bench_run.BigResult(200_000, 1, _timing("bare parse", 0), _timing("check", 0)),
    ]
    ratios = {r.key: r.value for r in bench_run.compute_ratios(cold, big)}
    assert (ratios["time_vs_bare_parse_20k"] is not None) is counted
    assert (ratios["time_scaling_200k_vs_20k"] is not None) is counted
    assert ratios["time_vs_bare_parse_200k"] is not None


@pytest.fixture(scope="module")
def three_hundred_stages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated blueprint of 300 stages: about 6,000 nodes."""
    path = tmp_path_factory.mktemp("small") / "bp.yaml"
    gen_blueprint.generate(300, path)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["render", "{bp}", "--format", "mermaid", "--pages", "one"],
        ["funnel", "{bp}"],
        ["diff", "{bp}", "{bp}"],
        ["check", "{bp}"],
    ],
)
def test_every_command_that_reads_a_blueprint_uses_max_nodes(
    three_hundred_stages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The project's ``max-nodes`` bounds render, diff and funnel as it bounds check: a lower
    limit stops them with SB006 (exit 1), the default reads the file whole."""
    from click.testing import CliRunner

    from salesblueprint.cli import cli

    monkeypatch.chdir(tmp_path)
    argv = [a.format(bp=three_hundred_stages) for a in args]
    (tmp_path / ".salesblueprint.yaml").write_text("max-nodes: 1000\n", encoding="utf-8")
    low = CliRunner().invoke(cli, argv)
    assert low.exit_code == 1 and "SB006" in low.output, low.output[-500:]
    (tmp_path / ".salesblueprint.yaml").write_text("max-nodes: 2000000\n", encoding="utf-8")
    high = CliRunner().invoke(cli, argv)
    assert "SB006" not in high.output, high.output[-500:]
