"""Rule options (declared on the rule, set per project) and aliases (old codes and names).

The options tests use real rules (SB301, SB409: the words that tell sales from marketing and
the contact records); the alias tests register a temporary probe rule, restored afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from salesblueprint.api import check_file
from salesblueprint.cli import cli
from salesblueprint.rules import registry
from salesblueprint.rules.config import Config, read_config
from salesblueprint.rules.engine import Context, config_findings
from salesblueprint.rules.options import Option
from salesblueprint.rules.registry import Problem, load_all, lookup, renamed, rule

# SB301: the handoff starts at a team whose name says sales (with sales-words = [vertrieb])
VERTRIEB = """\
salesblueprint: 1
name: Test
teams: [{id: vertrieb, name: Vertrieb}, {id: growth, name: Growth}]
lifecycle:
  stages:
    - {id: sql, owner: vertrieb}
    - {id: nurture, owner: growth, terminal: true}
sla:
  handoff: {from: sql, to: nurture, follow_up_within: 24h}
"""

PYPROJECT = """\
[project]
name = "x"

[tool.salesblueprint]
preset = "correctness"

[tool.salesblueprint.options.handoff-not-across-teams]
sales-words = ["vertrieb"]
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": None, "NO_COLOR": None})


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bp.yaml").write_text(VERTRIEB, encoding="utf-8")
    return tmp_path


def sb301(findings: list[object]) -> list[str]:
    return [f["message"] for f in findings if isinstance(f, dict) and f["rule"] == "SB301"]


def test_every_option_is_documented_and_typed_by_its_default() -> None:
    for r in load_all().values():
        for o in r.options:
            assert o.doc.strip(), (r.code, o.name)
            assert o.parse(list(o.default) if isinstance(o.default, tuple) else o.default) == (
                o.default
            )


def test_the_side_and_contact_options_are_declared() -> None:
    names = {r.code: {o.name for o in r.options} for r in load_all().values()}
    for code in ("SB301", "SB304", "SB502", "SB503"):
        assert names[code] == {"sales-words", "marketing-words"}, code
    assert names["SB409"] == {"contact-records", "sales-words", "marketing-words"}


@pytest.mark.parametrize("name", ["pyproject.toml", ".salesblueprint.yaml"])
def test_an_option_set_in_the_project_changes_what_the_rule_sees(project: Path, name: str) -> None:
    assert sb301(json.loads(run("check", "--format", "json", "bp.yaml").stdout)["findings"]) == []
    text = (
        PYPROJECT
        if name == "pyproject.toml"
        else "preset: correctness\noptions:\n  SB301: {sales-words: [vertrieb]}\n"
    )
    (project / name).write_text(text, encoding="utf-8")
    r = run("check", "--format", "json", "bp.yaml")
    assert r.exit_code == 1
    [msg] = sb301(json.loads(r.stdout)["findings"])
    assert "owned by the sales team 'vertrieb'" in msg


def test_options_of_one_rule_do_not_leak_into_another(project: Path) -> None:
    """SB304 reads its own sales-words (the default), not SB301's."""
    cfg = Config.from_mapping({"options": {"SB301": {"sales-words": ["vertrieb"]}}}, "t")
    assert cfg.options_for(lookup("SB301"))["sales-words"] == ("vertrieb",)  # type: ignore[arg-type]
    assert cfg.options_for(lookup("SB304"))["sales-words"] == ("sales", "verkoop")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "keys", "words"),
    [
        ({"no-such-rule": {"x": 1}}, ("no-such-rule",), ["no rule 'no-such-rule'"]),
        ({"handof-not-across-teams": {}}, ("handof-not-across-teams",), ["did you mean"]),
        ({"SB101": {"x": 1}}, ("SB101",), ["has no options"]),
        ({"SB301": ["vertrieb"]}, ("SB301",), ["must be a table", "sales-words"]),
        ({"SB301": {"sales-word": ["x"]}}, ("SB301", "sales-word"), ["no option", "sales-words"]),
        ({"SB301": {"sales-words": "vertrieb"}}, ("SB301", "sales-words"), ["list of strings"]),
        ({"SB301": {"sales-words": [1, 2]}}, ("SB301", "sales-words"), ["list of strings"]),
    ],
)
def test_bad_options_are_problems_and_the_default_applies(
    options: dict[str, object], keys: tuple[str, ...], words: list[str]
) -> None:
    cfg = Config.from_mapping({"options": options}, "conf.yaml")
    [(where, message)] = cfg.problems
    assert where == keys
    for w in words:
        assert w in message
    assert cfg.options_for(lookup("SB301"))["sales-words"] == ("sales", "verkoop")  # type: ignore[arg-type]


def test_a_bad_option_is_a_finding_on_the_config_file(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        PYPROJECT + "marketing-words = 3\n\n[tool.salesblueprint.options.SB409]\ncontact = []\n",
        encoding="utf-8",
    )
    r = run("check", "--format", "json", "bp.yaml")
    assert r.exit_code == 1 and "Traceback" not in r.output
    data = json.loads(r.stdout)
    bad = [(f["file"], f["line"], f["message"]) for f in data["findings"] if f["rule"] == "SB903"]
    assert [(file, line) for file, line, _ in bad] == [
        ("pyproject.toml", 9),
        ("pyproject.toml", 12),
    ]
    assert "marketing-words must be a list of strings" in bad[0][2]
    assert "no option 'contact'" in bad[1][2]
    assert sb301(data["findings"])  # the valid option still applies


def test_a_bad_option_in_yaml_points_at_its_line(tmp_path: Path) -> None:
    p = tmp_path / ".salesblueprint.yaml"
    p.write_text("preset: correctness\noptions:\n  SB301:\n    sales-words: yes\n", "utf-8")
    [f] = config_findings(read_config(str(p)))
    assert (f.rule, f.file, f.line, f.column) == ("SB903", str(p), 4, 5)


def test_a_bad_option_finding_can_be_switched_off() -> None:
    raw = {"options": {"SB301": {"x": 1}}, "severity": {"invalid-option": "off"}}
    assert config_findings(Config.from_mapping(raw, "t")) == []
    raw["severity"] = {"SB903": "warning"}
    [f] = config_findings(Config.from_mapping(raw, "t"))
    assert f.severity == "warning"


def test_options_are_not_usage_errors_but_the_table_must_be_one(project: Path) -> None:
    (project / ".salesblueprint.yaml").write_text("options: [SB301]\n", encoding="utf-8")
    r = run("check", "bp.yaml")
    assert r.exit_code == 2 and "options must map" in r.output


def test_rule_docs_show_the_options_with_their_defaults() -> None:
    r = run("rule", "SB409")
    assert r.exit_code == 0
    assert "## Options" in r.stdout
    assert '| `sales-words` | list of strings | `["sales", "verkoop"]` |' in r.stdout
    assert "[tool.salesblueprint.options.handoff-without-flow]" in r.stdout
    assert "## Options" not in run("rule", "SB101").stdout


# --- aliases ------------------------------------------------------------------------------

RENAMED = "SB992"


def renamed_probe(ctx: Context) -> Iterator[Problem]:
    """Test probe with old names: reports the blueprint once.

    ## What it does
    Nothing useful; it exists for the alias tests.
    """
    yield Problem(("lifecycle",), f"probe {ctx.options['level']}")


@pytest.fixture
def aliased() -> Iterator[None]:
    load_all()
    saved = [dict(d) for d in (registry.RULES, registry._BY_NAME, registry._ALIASES)]
    rule(
        RENAMED,
        "test-new-name",
        group="test",
        severity="warning",
        aliases=("SB993", "test-old-name"),
        options=(Option("level", 1, "How loud."),),
    )(renamed_probe)
    try:
        yield
    finally:
        tables = (registry.RULES, registry._BY_NAME, registry._ALIASES)
        for d, old in zip(tables, saved, strict=True):
            d.clear()
            d.update(old)


BP = """\
salesblueprint: 1
name: Probe
lifecycle:
  lint: {ignore: [%s]}
  stages:
    - {id: lead}
    - {id: customer, terminal: true}
"""


def test_the_registry_is_restored_after_the_alias_probe() -> None:
    assert lookup("test-old-name") is None and lookup(RENAMED) is None


def test_an_old_name_or_code_finds_the_rule(aliased: None) -> None:
    r = lookup(RENAMED)
    assert r is not None
    assert lookup("test-old-name") is r and lookup("sb993") is r and lookup("TEST-OLD-NAME") is r
    assert renamed("SB993") is r and renamed(RENAMED) is None


@pytest.mark.parametrize("entry", ["test-old-name", "SB993", "test-new-name"])
def test_an_ignore_naming_an_old_name_still_suppresses(
    aliased: None, tmp_path: Path, entry: str
) -> None:
    p = tmp_path / "bp.yaml"
    p.write_text(BP % "x-unused", encoding="utf-8")
    assert RENAMED in {f.rule for f in check_file(p)}
    p.write_text(BP % entry, encoding="utf-8")
    found = check_file(p)
    assert RENAMED not in {f.rule for f in found}
    assert not [f for f in found if f.rule in ("SB901", "SB902")]


def test_config_naming_an_old_name_applies(aliased: None, tmp_path: Path) -> None:
    p = tmp_path / "bp.yaml"
    p.write_text(BP % "x-unused", encoding="utf-8")
    cfg = Config.from_mapping(
        {"ignore": ["SB993"], "options": {"test-old-name": {"level": 2}}}, "t"
    )
    assert RENAMED not in {f.rule for f in check_file(p, cfg)}
    cfg = Config.from_mapping(
        {"severity": {"test-old-name": "error"}, "options": {"SB993": {"level": 2}}}, "t"
    )
    [f] = [f for f in check_file(p, cfg) if f.rule == RENAMED]
    assert (f.severity, f.message) == ("error", "probe 2")


def test_rule_old_name_explains_the_new_one(aliased: None) -> None:
    r = run("rule", "test-old-name")
    assert r.exit_code == 0
    assert r.stdout.startswith("test-old-name is an old name of SB992 test-new-name")
    assert "# SB992 test-new-name" in r.stdout
    assert "Old names: SB993, test-old-name." in r.stdout
    assert "is an old name" not in run("rule", RENAMED).stdout


def test_an_alias_may_not_take_a_code_or_name_in_use(aliased: None) -> None:
    with pytest.raises(ValueError, match="taken"):
        rule("SB994", "test-other", group="test", severity="info", aliases=("SB101",))(
            renamed_probe
        )
    with pytest.raises(ValueError, match="taken"):
        rule("SB994", "test-other", group="test", severity="info", aliases=("test-old-name",))(
            renamed_probe
        )
    with pytest.raises(ValueError, match="old name of another rule"):
        rule("SB993", "test-other", group="test", severity="info")(renamed_probe)
    with pytest.raises(ValueError, match="bad option name"):
        rule(
            "SB995", "test-other2", group="test", severity="info", options=(Option("A b", 1, "x"),)
        )(renamed_probe)
