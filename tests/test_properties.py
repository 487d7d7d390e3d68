"""Property tests (hypothesis): what holds for every input, not just the ones we thought of.

(a) generated valid blueprints, with names and texts full of YAML-hostile strings, load, check
    without errors, and every text comes back exactly as written;
(b) arbitrary bytes never make ``check_file`` raise, and a file that does not load has an error
    finding with a line and a column;
(c) mutations of the contract's example (characters and lines deleted, inserted, duplicated,
    keys swapped, tabs inserted) never raise, and every finding points at a real position;
(d) structural mutations that load but are odd never make a rule fail;
(e) hostile values where fuzzing found faults (huge and non-finite numbers and durations,
    terminal escapes in names, piles of unknown keys) end in findings with positions, at most
    51 per rule, and output that is strict JSON and holds no unprintable character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesblueprint.api import check, check_file
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.model.load import load_bytes, load_file

CONTRACT_TEXT = (Path(__file__).parent / "data" / "contract_example.yaml").read_text(
    encoding="utf-8"
)
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file, rewritten for each example."""
    return tmp_path_factory.mktemp("properties") / "blueprint.yaml"


def count_lines(text: str) -> int:
    """Lines as YAML 1.1 (libyaml) counts them: CR, LF, CRLF, NEL, LS and PS break lines."""
    return len(re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text))


def assert_positions(findings: list[Finding], file: str, n_lines: int) -> None:
    for f in findings:
        assert isinstance(f, Finding)
        assert f.file == file, str(f)
        assert f.line is not None and 1 <= f.line <= n_lines + 1, str(f)
        assert f.column is not None and f.column >= 1, str(f)
        assert f.severity in ("error", "warning", "info")
        assert f.message


# -- (a) valid blueprints -------------------------------------------------------------------------
HOSTILE = [
    "No",
    "no",
    "yes",
    "Yes",
    "ON",
    "off",
    "y",
    "n",
    "012",
    "0o12",
    "0x1F",
    "1e3",
    "1_000",
    ".inf",
    "-.nan",
    "2024-01-01",
    "12:30:00",
    "~",
    "null",
    "Null",
    "true",
    "false",
    ": x",
    "x: y",
    "x:",
    "#",
    "# not a comment",
    "a #b",
    "- a",
    "-",
    "? a",
    "'",
    '"',
    "''",
    '"quoted"',
    "it's",
    " leading space",
    "trailing space ",
    "  ",
    "[a, b]",
    "{a: b}",
    "&anchor",
    "*alias",
    "!tag",
    "!!python/object/apply:os.system",
    "%YAML 1.1",
    "---",
    "...",
    "|",
    ">-",
    "@at",
    "`tick`",
    "<<",
    "=",
    "\\",
    "\\n",
    "a\nb",
    "two\n\nparagraphs\n",
    "\ttab",
    "tab\tinside",
    "line\r\nbreak",
    "\u2028",
    "\ufeff",
    "é",
    "Zoë's café",
    "😀",
    "日本語",
    "ℌ",
]

# every character except surrogates (which cannot be written as UTF-8 at all) and NEL: PyYAML's
# emitter writes a raw U+0085 into a single-quoted scalar, where YAML 1.1 folds it to a space
# (``yaml.safe_load(yaml.safe_dump("\x85", allow_unicode=True)) == " "``): a PyYAML bug, not ours
chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85")
text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(chars, min_size=1, max_size=25),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(chars, max_size=5)), max_size=4).map(
        "".join
    ),
).filter(lambda s: s != "")
ids = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


@st.composite
def valid_blueprints(draw: st.DrawFn) -> dict[str, Any]:
    team_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    teams = [{"id": t, "name": draw(text)} for t in team_ids]
    tools: list[dict[str, Any]] = []
    for tool_id in draw(st.lists(ids, max_size=3, unique=True)):
        records = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
        tools.append({"id": tool_id, "name": draw(text), "records": records})

    def criterion() -> Any:
        outcome = draw(text)
        shape = draw(st.sampled_from(["shorthand", "outcome", "full"]))
        if shape == "shorthand":
            return outcome
        crit: dict[str, Any] = {"outcome": outcome}
        if shape == "full":
            crit["evidence"] = draw(text)
            if tools:
                tool = draw(st.sampled_from(tools))
                record = draw(st.sampled_from([None, *tool["records"]]))
                crit["recorded_in"] = tool["id"] if record is None else f"{tool['id']}.{record}"
        return crit

    def criteria() -> list[Any]:
        return [criterion() for _ in range(draw(st.integers(0, 3)))]

    bp: dict[str, Any] = {"salesblueprint": 1, "name": draw(text)}
    if draw(st.booleans()):
        bp["description"] = draw(text)
    bp["teams"] = teams
    parts = draw(st.sampled_from(["lifecycle", "pipelines", "both"]))
    if parts in ("lifecycle", "both"):
        stages = []
        for sid in draw(st.lists(ids, min_size=1, max_size=5, unique=True)):
            stage: dict[str, Any] = {"id": sid, "name": draw(text)}
            if draw(st.booleans()):
                stage["owner"] = draw(st.sampled_from(team_ids))
            if draw(st.booleans()):
                stage["definition"] = draw(text)
            stage["actions"] = draw(st.lists(text, max_size=2))
            stage["exit_criteria"] = criteria()
            stages.append(stage)
        if draw(st.booleans()):
            stages[-1]["terminal"] = True
        bp["lifecycle"] = {"stages": stages}
    if parts in ("pipelines", "both"):
        pipelines = []
        for pid in draw(st.lists(ids, min_size=1, max_size=2, unique=True)):
            sids = draw(st.lists(ids, min_size=3, max_size=6, unique=True))
            stages = [
                {
                    "id": sid,
                    "name": draw(text),
                    "rep_action": draw(text),
                    "exit_criteria": criteria(),
                }
                for sid in sids[:-2]
            ]
            stages.append({"id": sids[-2], "name": draw(text), "outcome": "won"})
            stages.append(
                {
                    "id": sids[-1],
                    "name": draw(text),
                    "outcome": "lost",
                    "reasons": draw(st.lists(ids, max_size=3, unique=True)),
                }
            )
            pipeline: dict[str, Any] = {"id": pid, "name": draw(text), "stages": stages}
            if draw(st.booleans()):
                pipeline["owner"] = draw(st.sampled_from(team_ids))
            pipelines.append(pipeline)
        bp["pipelines"] = pipelines
    if tools:
        bp["tools"] = tools
    return bp


def texts_of(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text in the generated data, with its path (criteria shorthand as `outcome`)."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from texts_of(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if isinstance(v, str) and path and path[-1] == "exit_criteria":
                yield (*path, i, "outcome"), v
            else:
                yield from texts_of(v, (*path, i))
    elif isinstance(data, str):
        yield path, data


def model_value(bp: Any, path: tuple[Any, ...]) -> Any:
    node = bp
    for part in path:
        if isinstance(part, int):
            node = node[part]
        else:
            node = getattr(node, "from_" if part == "from" else part)
    return node


@settings(SETTINGS, max_examples=150)
@given(valid_blueprints())
def test_valid_blueprints_load_check_and_round_trip(data: dict[str, Any]) -> None:
    text_ = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    result = load_bytes(text_.encode("utf-8"), "bp.yaml")
    assert result.findings == [], "\n".join(map(str, result.findings)) + "\n" + text_
    bp = result.blueprint
    assert bp is not None
    findings = check(bp)
    errors = [f for f in findings if f.severity == "error"]
    assert errors == [], "\n".join(map(str, errors)) + "\n" + text_
    assert_positions(findings, "bp.yaml", count_lines(text_))
    n = 0
    for path, value in texts_of(data):
        assert model_value(bp, path) == value, path
        n += 1
    assert n >= 3


def test_hostile_strings_round_trip_one_by_one() -> None:
    """Every hostile string on its own, in every text field, as a plain sanity check."""
    for s in [h for h in HOSTILE if h]:
        data = {
            "salesblueprint": 1,
            "name": s,
            "description": s,
            "lifecycle": {"stages": [{"id": "lead", "name": s, "exit_criteria": [s]}]},
        }
        text_ = yaml.safe_dump(data, allow_unicode=True)
        r = load_bytes(text_.encode("utf-8"), "bp.yaml")
        assert r.findings == [], (s, r.findings)
        assert r.blueprint is not None and r.blueprint.lifecycle is not None
        stage = r.blueprint.lifecycle.stages[0]
        assert (r.blueprint.name, r.blueprint.description, stage.name) == (s, s, s)
        assert stage.exit_criteria[0].outcome == s


# -- (b) arbitrary bytes ------------------------------------------------------------------------
YAMLISH = "salesblueprint:1 name\n-[]{}#&*!|>'\",?%@`~\\\t:é😀\x00\r"
some_bytes = st.one_of(
    st.binary(max_size=600),
    st.text(st.sampled_from(YAMLISH), max_size=300).map(lambda s: s.encode("utf-8")),
    st.tuples(
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"salesblueprint: 1\n"]),
        st.binary(max_size=200),
    ).map(b"".join),
    st.text(max_size=200).map(
        lambda s: ("salesblueprint: 1\nname: " + s).encode("utf-8", "replace")
    ),
)


@settings(SETTINGS, max_examples=400)
@given(some_bytes)
def test_arbitrary_bytes_never_raise(scratch: Path, data: bytes) -> None:
    scratch.write_bytes(data)
    findings = check_file(scratch)
    assert isinstance(findings, list)
    assert_positions(findings, str(scratch), count_lines(data.decode("utf-8", "replace")))
    if load_file(scratch).blueprint is None:
        assert any(f.severity == "error" for f in findings)
    assert not [f for f in findings if f.rule == "SB900"], "\n".join(map(str, findings))


# -- (c) mutated contract example ---------------------------------------------------------------
KEYS = sorted(set(re.findall(r"^[ -]*([a-z_]+):", CONTRACT_TEXT, re.MULTILINE)))
NOISE = st.text(st.sampled_from(":-[]{}#&*!|>'\" \t\n,?%@`~x1é"), min_size=1, max_size=6)

op = st.one_of(
    st.tuples(st.just("delete_chars"), st.floats(0, 1), st.integers(1, 20)),
    st.tuples(st.just("insert_chars"), st.floats(0, 1), NOISE),
    st.tuples(st.just("duplicate_chars"), st.floats(0, 1), st.integers(1, 30)),
    st.tuples(st.just("delete_line"), st.floats(0, 1), st.integers(1, 5)),
    st.tuples(st.just("duplicate_line"), st.floats(0, 1), st.integers(1, 5)),
    st.tuples(st.just("swap_lines"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("swap_key"), st.sampled_from(KEYS), st.sampled_from(KEYS)),
    st.tuples(st.just("insert_tab"), st.floats(0, 1), st.booleans()),
    st.tuples(st.just("indent"), st.floats(0, 1), st.integers(-4, 4)),
)


def mutate(text_: str, ops: list[tuple[Any, Any, Any]]) -> str:
    for name, a, b in ops:
        lines = text_.split("\n")
        at = min(int(a * len(text_)), len(text_)) if isinstance(a, float) else 0
        li = min(int(a * len(lines)), len(lines) - 1) if isinstance(a, float) else 0
        if name == "delete_chars":
            text_ = text_[:at] + text_[at + b :]
        elif name == "insert_chars":
            text_ = text_[:at] + b + text_[at:]
        elif name == "duplicate_chars":
            text_ = text_[: at + b] + text_[at : at + b] + text_[at + b :]
        elif name == "delete_line":
            del lines[li : li + b]
            text_ = "\n".join(lines)
        elif name == "duplicate_line":
            lines[li:li] = lines[li : li + b]
            text_ = "\n".join(lines)
        elif name == "swap_lines":
            lj = min(int(b * len(lines)), len(lines) - 1)
            lines[li], lines[lj] = lines[lj], lines[li]
            text_ = "\n".join(lines)
        elif name == "swap_key":
            text_ = re.sub(rf"(?m)^([ -]*){a}:", rf"\g<1>{b}:", text_, count=1)
        elif name == "insert_tab":
            if b:
                lines[li] = "\t" + lines[li]
                text_ = "\n".join(lines)
            else:
                text_ = text_[:at] + "\t" + text_[at:]
        elif name == "indent":
            line = lines[li]
            lines[li] = (
                " " * b + line if b >= 0 else line[min(-b, len(line) - len(line.lstrip())) :]
            )
            text_ = "\n".join(lines)
    return text_


def test_mutate_is_sane() -> None:
    assert mutate("ab\ncd\n", [("delete_line", 0.0, 1)]) == "cd\n"
    assert mutate("name: x\n", [("swap_key", "name", "owner")]) == "owner: x\n"
    assert mutate("a\n  b\n", [("indent", 0.5, -2)]) == "a\nb\n"
    assert mutate("ab", [("insert_chars", 0.5, "X")]) == "aXb"


@settings(SETTINGS, max_examples=400)
@given(st.lists(op, min_size=1, max_size=6))
def test_mutated_contract_never_raises(scratch: Path, ops: list[tuple[Any, Any, Any]]) -> None:
    text_ = mutate(CONTRACT_TEXT, ops)
    scratch.write_text(text_, encoding="utf-8")
    findings = check_file(scratch)
    assert isinstance(findings, list)
    assert_positions(findings, str(scratch), count_lines(text_))
    rule_errors = [f for f in findings if f.rule == "SB900"]
    assert rule_errors == [], "\n".join(map(str, rule_errors)) + "\n" + text_


# -- (d) structural mutations: blueprints that load but are odd, to exercise the rules --------
CONTRACT_DATA = yaml.safe_load(CONTRACT_TEXT)
IDS = sorted(set(re.findall(r"\bid: ([a-z_]+)", CONTRACT_TEXT)))
REFS = IDS + [f"new_business.{s}" for s in IDS] + [f"crm.{r}" for r in ("deal", "note", "x")]
REF_KEYS = {"from", "to", "owner", "recorded_in", "trigger", "pipeline", "id"}


def nodes(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from nodes(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from nodes(v, (*path, i))


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


struct_op = st.tuples(
    st.sampled_from(
        ["delete", "duplicate", "empty", "reverse", "ref", "terminal", "outcome", "number"]
    ),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
)


def mutate_data(data: Any, ops: list[tuple[str, int, int]]) -> Any:
    import copy

    data = copy.deepcopy(data)
    for name, i, j in ops:
        all_nodes = [(p, v) for p, v in nodes(data) if p]
        if not all_nodes:
            break
        path, value = all_nodes[i % len(all_nodes)]
        parent, last = get(data, path[:-1]), path[-1]
        if name == "delete":
            del parent[last]
        elif name == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(value))
        elif name == "empty" and isinstance(value, list):
            value.clear()
        elif name == "reverse" and isinstance(value, list):
            value.reverse()
        elif name == "ref":
            refs = [p for p, v in all_nodes if p[-1] in REF_KEYS and isinstance(v, str)]
            if refs:
                p = refs[i % len(refs)]
                get(data, p[:-1])[p[-1]] = REFS[j % len(REFS)]
        elif name == "terminal":
            stages = [v for _, v in all_nodes if isinstance(v, dict) and "id" in v]
            if stages:
                stages[i % len(stages)]["terminal" if j % 2 else "outcome"] = (
                    bool(j % 3) if j % 2 else ["won", "lost"][j % 2]
                )
        elif name == "outcome":
            stages = [v for p, v in all_nodes if isinstance(v, dict) and "stages" in p[-3:-1]]
            if stages:
                stages[i % len(stages)]["outcome"] = ["won", "lost"][j % 2]
        elif name == "number":
            nums = [
                p for p, v in all_nodes if isinstance(v, int | float) and p[-1] != "salesblueprint"
            ]
            if nums:
                p = nums[i % len(nums)]
                get(data, p[:-1])[p[-1]] = [0, 1, 0.5, 2, -1, 1e9][j % 6]
    return data


@settings(SETTINGS, max_examples=200)
@given(st.lists(struct_op, min_size=1, max_size=5))
def test_structurally_mutated_contract_never_raises(
    scratch: Path, ops: list[tuple[str, int, int]]
) -> None:
    text_ = yaml.safe_dump(mutate_data(CONTRACT_DATA, ops), allow_unicode=True, sort_keys=False)
    scratch.write_text(text_, encoding="utf-8")
    findings = check_file(scratch)
    assert_positions(findings, str(scratch), count_lines(text_))
    rule_errors = [f for f in findings if f.rule == "SB900"]
    assert rule_errors == [], "\n".join(map(str, rule_errors)) + "\n" + text_


# -- (e) hostile values in the places the fuzzer broke (issue 9, section 5) ----------------------
HUGE_NUMBERS = st.one_of(
    st.sampled_from(["1e999", "-1e999", "1e308", "1e16", "-1e400", ".inf", "nan", "1e-999"]),
    st.integers(16, 6000).map(lambda n: "9" * n),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
HUGE_DURATIONS = st.one_of(
    st.tuples(st.integers(4, 600), st.sampled_from(["m", "h", "d", "w"])).map(
        lambda t: "9" * t[0] + t[1]
    ),
    st.integers(11, 6000).map(lambda n: "P" + "9" * n + "D"),
    st.sampled_from(["1e999d", "521w", "PT99999999999S", "0d", "P", "-1d"]),
)
# names with terminal escapes, bidi overrides, C1 controls, line separators ...
NASTY = st.lists(
    st.sampled_from(["\x1b", "]0;", "\x07", "\x9b", "\u202e", "\u2028", "\x01", "[31m", "a", " "]),
    min_size=1,
    max_size=8,
).map("".join)


def _yaml_str(s: str) -> str:
    return yaml.safe_dump(s, allow_unicode=False, width=10_000).removesuffix("\n...\n").strip()


@st.composite
def hostile_blueprints(draw: st.DrawFn) -> str:
    text_ = CONTRACT_TEXT

    def put(pattern: str, value: str) -> None:
        nonlocal text_
        text_ = re.sub(pattern, lambda m: m.group(1) + value, text_, count=1, flags=re.M)

    keys = ["probability", "conversion_rate", "revenue", "average_deal_size", "expected_days"]
    for key in draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)):
        put(rf"^(\s*(?:- )?{key}: )\S+", draw(HUGE_NUMBERS))
    if draw(st.booleans()):
        put(r"(follow_up_within: )\S+", draw(HUGE_DURATIONS))
    for _ in range(draw(st.integers(0, 3))):
        put(r"^(\s*(?:- )?name: ).*$", _yaml_str(draw(NASTY)))
    if draw(st.booleans()):
        n = draw(st.integers(1, 200))
        text_ += "".join(f"unknown_{i}: {i}\n" for i in range(n))
    return text_


@settings(SETTINGS, max_examples=120)
@given(hostile_blueprints())
def test_hostile_values_end_in_findings_and_safe_output(scratch: Path, text_: str) -> None:
    import json

    from salesblueprint.report.github import format_github
    from salesblueprint.report.json import format_json
    from salesblueprint.report.text import format_text

    scratch.write_text(text_, encoding="utf-8")
    findings = check_file(scratch)
    assert_positions(findings, str(scratch), count_lines(text_))
    assert not [f for f in findings if f.rule == "SB900"], "\n".join(map(str, findings))
    for rule in {f.rule for f in findings}:  # at most 50 per rule, then one "… and N more"
        assert sum(f.rule == rule for f in findings) <= 51
    for out in (
        format_text([str(scratch)], findings, False),
        format_github([str(scratch)], findings, False),
    ):
        assert all(c.isprintable() or c == "\n" for c in out), repr(out)
    doc = format_json([str(scratch)], findings, False)
    assert all(c.isprintable() or c == "\n" for c in doc)
    json.loads(doc, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    result = load_file(scratch)
    if result.blueprint is not None:
        from salesblueprint.diagrams import render
        from salesblueprint.funnel_maths import funnel
        from salesblueprint.report.funnel import format_json as funnel_json

        json.loads(funnel_json(result.blueprint, funnel(result.blueprint), None))
        for view in ("lifecycle", "pipeline", "tools"):
            out = render(result.blueprint, view=view, format="dot")
            assert isinstance(out, str)
            assert all(c.isprintable() or c in "\n\t" for c in out), view
