"""Everything interop prints for a Dutch blueprint is Dutch: the import's header and the names
it gives, drift findings (pipelines and lead statuses), the HubSpot plan, export notes and
usage errors; ``--lang en`` and English blueprints keep the English text."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from salesblueprint.interop import drift, import_crm
from salesblueprint.model.load import load_bytes

from .conftest import DATA, run_cli
from .test_lead_drift import BLUEPRINT as LEAD_BLUEPRINT
from .test_lead_drift import _org

pytest.importorskip("babel")


def _english_words() -> Any:
    """``english_words`` of tests/test_i18n.py: the check every Dutch output passes."""
    path = Path(__file__).parents[1] / "test_i18n.py"
    spec = importlib.util.spec_from_file_location("_i18n_checks", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.english_words


english_words = _english_words()
HS = DATA / "hubspot"


def _dutch(text: str) -> None:
    for line in text.splitlines():
        line = re.sub(r"(?<![\w-])/\S+", " ", line)  # paths (the test's name is in them)
        assert not english_words(line), line


def _nl_import(tmp_path: Path, crm: str, src: Path) -> Path:
    out = tmp_path / f"{crm}.yaml"
    r = run_cli("import", crm, str(src), "--lang", "nl", "-o", str(out))
    assert r.returncode == 0, r.stderr
    _dutch(r.stderr)
    assert "geschreven" in r.stderr
    return out


@pytest.mark.parametrize(
    ("crm", "src"),
    [("hubspot", HS / "relabelled.json"), ("pipedrive", DATA / "pipedrive" / "custom.json")],
)
def test_import_in_dutch(tmp_path: Path, crm: str, src: Path) -> None:
    out = _nl_import(tmp_path, crm, src)
    text = out.read_text(encoding="utf-8")
    header, body = text.split("salesblueprint: 1\n", 1)
    assert header.startswith("# Geïmporteerd uit ")
    _dutch("\n".join(x for x in header.splitlines() if not x.startswith("#   - ")) + "\n")
    _dutch(header.split("# Velden genegeerd")[0])
    assert body.startswith("language: nl\n")
    assert "description: Geïmporteerd uit" in body
    check = run_cli("check", str(out), "--format", "json")
    assert check.returncode == 0, check.stdout  # warnings only, in Dutch
    # the English import is unchanged: no language, English header
    en = import_crm(crm, str(src))
    assert "language:" not in en and en.startswith("# Imported from ")


def test_import_names_it_gives_are_dutch() -> None:
    text = import_crm("pipedrive", str(DATA / "pipedrive" / "default.json"), lang="nl")
    assert "name: Gewonnen" in text and "name: Verloren" in text
    assert "name: Pijplijn 1" in text
    assert "name: Won" in import_crm("pipedrive", str(DATA / "pipedrive" / "default.json"))


def test_salesforce_import_header_in_dutch(tmp_path: Path) -> None:
    text = import_crm("salesforce", str(DATA / "salesforce"), lang="nl")
    header = text.split("salesblueprint: 1\n", 1)[0]
    assert "leadstatussen na de geconverteerde" in header
    # the CRM's own words (forecast category names, status names) are quoted as they are
    own = re.compile(r"prognosecategorie|leadstatussen na|Velden genegeerd|^#   - [A-Za-z]+\.")
    for line in header.splitlines():
        if not own.search(line):
            assert not english_words(line), line


def test_drift_in_dutch_every_format(tmp_path: Path) -> None:
    bp = _nl_import(tmp_path, "hubspot", HS / "default.json")
    for fmt in ("text", "json", "sarif", "github"):
        r = run_cli(
            "drift", str(bp), "--against", "hubspot", str(HS / "relabelled.json"), "--format", fmt
        )
        assert r.returncode == 1, r.stderr
        if fmt == "json":
            findings = json.loads(r.stdout)["findings"]
            assert {f["rule"] for f in findings} == {"SB601", "SB602", "SB603", "SB605", "SB606"}
            for f in findings:
                assert not english_words(f["message"]), f
        elif fmt == "text":
            assert "fouten gevonden in 1 bestand" in r.stdout
            _dutch(re.sub(r"^\S+:\d+:\d+: error SB\d+ [\w-]+: ", "", r.stdout, flags=re.M))
    en = run_cli(
        "drift", str(bp), "--against", "hubspot", str(HS / "relabelled.json"), "--lang", "en"
    )
    assert "is called 'Discovery call booked' in HubSpot" in en.stdout
    assert "13 errors" in en.stdout or "Found 13 errors" in en.stdout


def test_lead_drift_in_dutch(tmp_path: Path) -> None:
    text = LEAD_BLUEPRINT.replace("name: Leads\n", "name: Leads\nlanguage: nl\n")
    r = load_bytes(text.encode(), "bp.yaml")
    assert r.blueprint is not None
    org = [
        ("Open - Not Contacted", "Open - Not Contacted", False),
        ("Nurturing", "Nurturing", False),
        ("Working - Contacted", "Contacted", True),
        ("Closed - Converted", "Closed - Converted", False),
    ]
    found = drift(r.blueprint, "salesforce", str(_org(tmp_path, org)))
    assert {f.rule for f in found} == {"SB601", "SB603", "SB609"}
    for f in found:
        assert not english_words(f.message), f.message
    assert any(f.message.startswith("levenscyclusfase 'Working - Contacted' heet") for f in found)
    none = drift(r.blueprint, "salesforce", str(_org(tmp_path / "n", None)))
    assert [f.rule for f in none] == ["SB610"] and not english_words(none[0].message)
    english = drift(r.blueprint, "salesforce", str(_org(tmp_path / "e", org)), lang="en")
    assert any("is called 'Contacted' in Salesforce" in f.message for f in english)


@pytest.mark.parametrize("crm", ["hubspot", "pipedrive", "salesforce"])
def test_export_notes_in_dutch(tmp_path: Path, crm: str) -> None:
    bp = _nl_import(tmp_path, "salesforce", DATA / "salesforce")
    args = ["export", crm, str(bp), "--pipeline", "renewal"]
    if crm == "salesforce":
        args += ["-o", str(tmp_path / "sf")]
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    assert "niet kan afdwingen of bewaren:" in r.stderr
    _dutch(r.stderr)
    en = run_cli(*args, "--lang", "en")
    assert "cannot enforce or hold:" in en.stderr
    if crm == "salesforce":  # what Salesforce shows its users: the blueprint's language
        rule = next((tmp_path / "sf").rglob("*.validationRule-meta.xml")).read_text("utf-8")
        assert "kan geen verplichte fase overslaan" in rule


def test_hubspot_plan_in_dutch(tmp_path: Path) -> None:
    bp = _nl_import(tmp_path, "hubspot", HS / "default.json")
    r = run_cli("export", "hubspot", str(bp), "--against", str(HS / "relabelled.json"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Plan voor HubSpot-pijplijn")
    assert "  hernoemen    appointmentscheduled: " in r.stdout
    _dutch(r.stdout)


def test_usage_and_input_errors_in_dutch(tmp_path: Path) -> None:
    bp = _nl_import(tmp_path, "hubspot", HS / "default.json")
    r = run_cli("export", "salesforce", str(bp))  # before the blueprint is loaded
    assert r.returncode == 2 and "de salesforce-export schrijft een map" in r.stderr
    r = run_cli("drift", str(bp), "--against", "hubspot")
    assert r.returncode == 2 and "geef de JSON-inhoud van GET" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = run_cli("drift", str(bp), "--against", "hubspot", str(bad))
    assert r.returncode == 2 and "bad.json:1:2: ongeldige JSON: " in r.stderr
    r = run_cli("import", "hubspot", str(bad), "--lang", "nl")
    assert r.returncode == 2 and "ongeldige JSON" in r.stderr
    r = run_cli("import", "hubspot", "--lang", "nl")
    assert r.returncode == 2 and "geef de JSON-inhoud" in r.stderr
    r = run_cli("drift", str(bp), "--against", "hubspot", str(bad), "--lang", "en")
    assert "malformed JSON: " in r.stderr
