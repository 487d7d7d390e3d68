"""Salesforce metadata values the importer cannot take are reported at ``file:line:column``
(the element holding the value), in the output language, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesblueprint.interop.base import InteropError
from salesblueprint.interop.salesforce import read

from .conftest import run_cli

SET = "OpportunityStage.standardValueSet-meta.xml"


def _values(tmp_path: Path, *values: str) -> tuple[Path, Path]:
    body = "".join(f"    <standardValue>\n{v}    </standardValue>\n" for v in values)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">\n'
        f"{body}</StandardValueSet>\n"
    )
    d = tmp_path / "standardValueSets"
    d.mkdir()
    (d / SET).write_text(xml, encoding="utf-8")
    return tmp_path, d / SET


def _value(name: str, extra: str = "") -> str:
    return f"        <fullName>{name}</fullName>\n{extra}"


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        ("        <probability>veel</probability>\n", 8, "probability 'veel' is not a number"),
        ("        <probability>150</probability>\n", 8, "probability 150 is not 0-100"),
        ("        <closed>yes</closed>\n", 8, "<closed>: 'yes' is not true or false"),
        (
            "        <forecastCategory>Bestcase</forecastCategory>\n",
            8,
            "unknown forecastCategory 'Bestcase' (did you mean 'BestCase'?)",
        ),
    ],
)
def test_bad_value_at_its_line_and_column(
    tmp_path: Path, extra: str, line: int, message: str
) -> None:
    root, path = _values(tmp_path, _value("Prospecting"), _value("Bad", extra))
    with pytest.raises(InteropError) as info:
        read(str(root))
    assert info.value.line == line and info.value.column == 9
    assert str(info.value).startswith(f"{path}:{line}:9: ")
    assert message in str(info.value)


def test_bad_value_in_dutch(tmp_path: Path) -> None:
    root, path = _values(tmp_path, _value("Won", "        <closed>ja</closed>\n"))
    r = run_cli("import", "salesforce", str(root), "--lang", "nl")
    assert r.returncode == 2
    assert f"{path}:5:9: <closed>: 'ja' is geen true of false" in r.stderr, r.stderr
    r = run_cli("import", "salesforce", str(root), "--lang", "nl")
    assert "Traceback" not in r.stderr


def test_standard_value_without_full_name_at_its_place(tmp_path: Path) -> None:
    root, _path = _values(tmp_path, _value("A"), "        <label>x</label>\n")
    with pytest.raises(InteropError, match="without fullName") as info:
        read(str(root))
    assert (info.value.line, info.value.column) == (6, 5)


def test_good_values_still_read(tmp_path: Path) -> None:
    root, _ = _values(
        tmp_path,
        _value("Prospecting", "        <probability>10</probability>\n"),
        _value(
            "Closed Won",
            "        <closed>true</closed>\n        <won>TRUE</won>\n"
            "        <forecastCategory>Closed</forecastCategory>\n",
        ),
    )
    data = read(str(root))
    stages = data.pipelines[0].stages
    assert [s.id for s in stages] == ["Prospecting", "Closed Won"]
    assert stages[1].outcome == "won"
