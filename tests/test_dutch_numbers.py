"""Dutch output writes its own numbers (decimal comma, dots between thousands) and its own
words, also in the messages about values, the funnel's --what-if errors and the "… and N more"
closing findings; English output is unchanged."""

from __future__ import annotations

from pathlib import Path

from salesblueprint.diagnostics.findings import CappedFindings, make_finding
from salesblueprint.i18n import translator
from salesblueprint.rules.registry import lookup
from separate_stderr import run_module as _run

ROOT = Path(__file__).parent.parent
DUTCH = ROOT / "examples" / "nl-inbound.blueprint.yaml"


def _dutch(tmp_path: Path, old: str, new: str) -> Path:
    text = DUTCH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bp.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_percentage_with_a_decimal_comma(tmp_path: Path) -> None:
    bp = _dutch(tmp_path, "probability: 0.4\n", "probability: 0.125\n")
    nl = _run("check", str(bp)).stdout
    assert "heeft kans 12,5%, lager dan" in nl
    assert "has probability 12.5%, lower than" in _run("check", str(bp), "--lang", "en").stdout


def test_value_errors_in_dutch_with_dutch_numbers(tmp_path: Path) -> None:
    bp = _dutch(tmp_path, "revenue: 240000", "revenue: 1e20")
    nl = _run("check", str(bp)).stdout
    assert "'1e20' is te groot; een getal is hier hoogstens 1.000.000.000.000.000" in nl
    en = _run("check", str(bp), "--lang", "en").stdout
    assert "'1e20' is out of range; a number here is at most 1,000,000,000,000,000" in en
    bp = _dutch(tmp_path, "revenue: 240000", "revenue: veel")
    assert "'revenue': getal verwacht, 'veel' gekregen" in _run("check", str(bp)).stdout
    bp = _dutch(tmp_path, "revenue: 240000", "revenue: 20%")
    assert "is een percentage; schrijf het als fractie" in _run("check", str(bp)).stdout


def test_what_if_errors_in_the_blueprints_language() -> None:
    r = _run("funnel", str(DUTCH), "--what-if", "mql=45")
    assert r.returncode == 2
    assert "Gebruik: salesblueprint funnel" in r.stderr
    assert (
        "Fout: --what-if 'mql=45': een conversie is een aandeel boven 0 en hoogstens 1, maar is "
        "45 (voor 45% schrijf je 0.45 of '45%')" in r.stderr
    )
    r = _run("funnel", str(DUTCH), "--what-if", "mqll=0.4")
    assert "geen levenscyclusfase 'mqll' (bedoelde je 'mql'?)" in r.stderr
    r = _run("funnel", str(DUTCH), "--what-if", "mql=45", "--lang", "en")
    assert "Error: --what-if 'mql=45': a conversion rate is a share above 0" in r.stderr
    assert "(for 45% write 0.45 or '45%')" in r.stderr


def test_more_findings_counted_in_dutch() -> None:
    code = lookup("SB101")
    assert code is not None

    def capped(lang: str) -> str:
        found = CappedFindings(50, translator(lang))
        for i in range(1_300):
            found.add(code.code, "f.yaml", lambda i=i: make_finding(code, f"x{i}", file="f.yaml"))
        return found.close()[-1].message

    assert capped("nl").startswith("… en nog 1.250 bevindingen")
    assert capped("en").startswith("… and 1,250 more")
