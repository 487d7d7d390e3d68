"""The SLA measured on a lifecycle history with activities: planted faults, exact counts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from salesblueprint.cli import cli
from separate_stderr import runner

from .helpers import BLUEPRINT, write_csv

SLA = """\
sla:
  handoff:
    from: mql
    to: sql
    follow_up_within: 24h
    attempts: 3
  recycle:
    - from: sql
      to: mql
      when: No reply after 3 attempts
      reasons: [no_response, bad_timing]
"""
H = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
AS_OF = "2025-03-20T00:00:00Z"


def _t(delta: timedelta) -> str:
    return (H + delta).strftime("%Y-%m-%dT%H:%M:%SZ")


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def planted() -> tuple[list[list[str]], list[list[str]]]:
    """History rows (contact, stage, entered_at, reason) and activity rows (id, timestamp, type)."""
    hist: list[list[str]] = []
    acts: list[list[str]] = []

    def handed(c: str, at: timedelta = timedelta(0)) -> None:
        hist.extend(
            [
                [c, "lead", _t(at - days(2)), ""],
                [c, "mql", _t(at - days(1)), ""],
                [c, "sql", _t(at), ""],
            ]
        )

    for i in range(4):  # followed up in time (2 h); ok0 reaches 3 attempts
        c = f"ok{i}"
        handed(c)
        acts += [[c, _t(hours(2)), "CALL"], [c, _t(hours(3)), "EMAIL"]]
        if i == 0:
            acts.append([c, _t(days(1)), "Meeting"])
        else:
            hist.append([c, "customer", _t(days(2)), ""])
    for i in range(3):  # late: first call after 30 h
        handed(f"late{i}")
        acts.append([f"late{i}", _t(hours(30)), "phone call"])
    for i in range(2):  # never
        handed(f"never{i}")
    handed("early0")  # a call before the handoff does not count
    acts.append(["early0", _t(hours(-1)), "Call"])
    handed("note0")  # a note and an incoming email are not attempts
    acts += [["note0", _t(hours(1)), "NOTE"], ["note0", _t(hours(2)), "INCOMING_EMAIL"]]
    hist += [  # handed off 2 h before as_of: pending, not missed
        ["pend0", "mql", "2025-03-19T20:00:00Z", ""],
        ["pend0", "sql", "2025-03-19T22:00:00Z", ""],
    ]
    for i, reason in enumerate(["no_response", "no_response", "ghosted"]):
        c = f"rec{i}"
        handed(c)
        acts.append([c, _t(hours(1)), "call"])
        if i == 2:  # three attempts, then recycled with an undeclared reason
            acts += [[c, _t(days(1)), "outgoing_email"], [c, _t(days(2)), "MEETING"]]
        hist.append([c, "mql", _t(days(5)), reason])
    handed("twice0")  # recycled after 1 attempt, handed off again, never followed up
    acts.append(["twice0", _t(hours(1)), "CALL"])
    hist += [["twice0", "mql", _t(days(5)), "bad_timing"], ["twice0", "sql", _t(days(10)), ""]]
    handed("back0")  # a customer sent back to lead: a recycle the blueprint does not declare
    acts.append(["back0", _t(hours(1)), "CALL"])
    hist += [["back0", "customer", _t(days(3)), ""], ["back0", "lead", _t(days(6)), ""]]
    acts += [  # rejected rows
        ["", _t(hours(1)), "CALL"],
        ["ok1", "yesterday", "CALL"],
        ["ok2", _t(hours(5)), ""],
    ]
    return hist, acts


@pytest.fixture
def sla_bp(tmp_path: Path) -> Path:
    p = tmp_path / "sla.blueprint.yaml"
    p.write_text(BLUEPRINT + SLA, encoding="utf-8")
    return p


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    hist, acts = planted()
    h = write_csv(tmp_path / "lifecycle.csv", hist, ["deal_id", "stage", "entered_at", "reason"])
    a = write_csv(tmp_path / "activities.csv", acts, ["contact_id", "hs_timestamp", "type"])
    return h, a


def _sla(data: dict[str, Any]) -> dict[str, Any]:
    sla = data["sla"]
    assert isinstance(sla, dict)
    return sla


def test_planted_sla_exact_counts(sla_bp: Path, files: tuple[Path, Path]) -> None:
    import salesblueprint as sb

    h, a = files
    r = sb.audit(sb.load(sla_bp), h, pipeline="lifecycle", activities=a, as_of=AS_OF)
    s = _sla(r.to_json())
    assert s["handoff"] == {"from": "mql", "to": "sql", "follow_up_within": "24h", "attempts": 3}
    assert (s["handoffs"], s["contacts"], s["measured"]) == (18, 17, True)
    f = s["follow_up"]
    assert (f["in_time"], f["late"], f["never"], f["pending"], f["missed"]) == (9, 3, 5, 1, 8)
    assert f["hours_to_first_touch"] == {"median": 2.0, "p90": 30.0}
    assert f["types"] == {"call": 12, "email": 5, "meeting": 2}
    assert s["attempts"] == {"required": 3, "met": 2, "recycled": 4, "recycled_short": 3}
    rec = s["recycles"]
    assert rec["total"] == 5
    assert rec["moves"] == [
        {"from": "sql", "to": "mql", "count": 4, "declared": True},
        {"from": "customer", "to": "lead", "count": 1, "declared": False},
    ]
    assert rec["reasons"] == [
        {"reason": "no_response", "count": 2, "declared": True},
        {"reason": "bad_timing", "count": 1, "declared": True},
        {"reason": "ghosted", "count": 1, "declared": False},
    ]
    assert rec["without_reason"] == 1
    act = s["activities"]
    assert (act["rows"], act["accepted"]) == (25, 22)
    assert act["rejected"] == {"missing_value": 2, "bad_timestamp": 1}
    assert act["attempts"] == {"call": 13, "email": 5, "meeting": 2}
    assert act["other_types"] == {"INCOMING_EMAIL": 1, "NOTE": 1}
    ex = s["examples"]
    assert [e["deal_id"] for e in ex["late"]] == ["late0", "late1", "late2"]
    assert ex["late"][0]["detail"] == "first follow-up after 30 h"
    assert {e["deal_id"] for e in ex["never"]} == {"early0", "never0", "never1", "note0", "twice0"}
    assert [e["deal_id"] for e in ex["recycled_short"]] == ["rec0", "rec1", "twice0"]
    assert ex["recycled_short"][0]["detail"] == "1 of 3 attempts"
    assert act["examples"]["bad_timestamp"][0]["where"].endswith("activities.csv:25")
    assert {"sla_missed", "sla_attempts", "undeclared_recycle", "undeclared_recycle_reason"} <= (
        r.kinds_found()
    )


def test_without_activities_handoffs_and_recycles_only(
    sla_bp: Path, files: tuple[Path, Path]
) -> None:
    import salesblueprint as sb

    r = sb.audit(sla_bp, files[0], pipeline="lifecycle", as_of=AS_OF)
    assert r.sla is not None
    assert (r.sla.handoffs, r.sla.recycled, r.sla.recycles_total) == (18, 4, 5)
    assert r.sla.in_time is None and not r.sla.measured and r.sla.missed == 0
    assert "sla_missed" not in r.kinds_found()
    assert "undeclared_recycle" in r.kinds_found()


def test_no_deadline_counts_followed_up(tmp_path: Path, files: tuple[Path, Path]) -> None:
    import salesblueprint as sb

    p = tmp_path / "bp.yaml"
    p.write_text(BLUEPRINT + SLA.replace("    follow_up_within: 24h\n", ""), encoding="utf-8")
    r = sb.audit(p, files[0], pipeline="lifecycle", activities=files[1], as_of=AS_OF)
    assert r.sla is not None
    # without a deadline: followed up at all (12) or never (6, the pending one included)
    assert (r.sla.in_time, r.sla.late, r.sla.never, r.sla.pending) == (12, 0, 6, 0)


def run(*args: str) -> tuple[int, str, str]:
    r = runner().invoke(cli, ["audit", *args])
    return r.exit_code, r.stdout, r.stderr


def test_cli_formats_and_fail_on(sla_bp: Path, files: tuple[Path, Path]) -> None:
    h, a = (str(x) for x in files)
    base = [str(sla_bp), h, "--pipeline", "lifecycle", "--activities", a, "--as-of", AS_OF]
    code, out, _ = run(*base)
    assert code == 0
    assert "SLA: handoff mql → sql, follow up within 24h, 3 attempts" in out
    assert "18 handoffs (17 contacts): 9 in time, 3 late, 5 never, 1 pending" in out
    assert "sql → mql" in out and "customer → lead" in out and "not declared" in out
    data = json.loads(run(*base, "--format", "json")[1])
    assert data["sla"]["follow_up"]["missed"] == 8
    code, out, _ = run(*base, "--format", "markdown")
    assert "| handoffs followed up within 24h | 9 of 17 due |" in out
    code, out, _ = run(*base, "--format", "html")
    assert "<h2>SLA: handoff mql → sql</h2>" in out
    code, _, err = run(*base, "--fail-on", "sla_missed")
    assert code == 1 and "sla_missed" in err
    code, _, err = run(*base, "--fail-on", "sla_attempts,undeclared_recycle_reason")
    assert code == 1
    assert run(*base, "--fail-on", "skip")[0] == 0
    code, _, err = run(*base, "--fail-on", "sla_mised")
    assert code == 2 and "did you mean 'sla_missed'" in err


def test_activity_columns_and_bad_input(
    sla_bp: Path, bp_path: Path, files: tuple[Path, Path], tmp_path: Path
) -> None:
    h, a = (str(x) for x in files)
    odd = write_csv(tmp_path / "odd.csv", [["ok0", _t(hours(1)), "Call"]], ["Who", "When", "Kind"])
    code, out, err = run(
        str(sla_bp),
        h,
        "--pipeline",
        "lifecycle",
        "--activities",
        str(odd),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert code == 2
    assert "odd.csv: no column 'deal_id' for activity deal_id" in err
    assert "--activity-columns deal_id=<column>" in err
    code, out, err = run(
        str(sla_bp),
        h,
        "--pipeline",
        "lifecycle",
        "--activities",
        str(odd),
        "--activity-columns",
        "deal_id=Who,timestamp=When,type=Kind",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["sla"]["follow_up"]["in_time"] == 1
    code, _, err = run(
        str(sla_bp),
        h,
        "--pipeline",
        "lifecycle",
        "--activities",
        a,
        "--activity-columns",
        "deal=Who",
    )
    assert code == 2 and "did you mean 'deal_id'" in err
    # a deal pipeline: the handoff's stage is not in it
    code, _, err = run(str(sla_bp), h, "--activities", a)
    assert code == 2
    assert "the SLA's handoff goes to 'sql', which is not a stage of pipeline deals" in err
    assert "--pipeline lifecycle" in err
    # no SLA handoff at all
    code, _, err = run(str(bp_path), h, "--pipeline", "lifecycle", "--activities", a)
    assert code == 2 and "has no handoff" in err
    code, _, err = run(str(sla_bp), h, "--pipeline", "lifecycle", "--activities", "nope/*.csv")
    assert code == 2 and "no activity files match" in err


def test_rejected_activity_rows_located_in_a_large_file(
    sla_bp: Path, files: tuple[Path, Path], tmp_path: Path
) -> None:
    """DuckDB reads a large CSV in parallel: the activities keep the file's order all the same,
    so a rejected row is shown at its line (it was shown at another line)."""
    import duckdb

    import salesblueprint as sb

    a = tmp_path / "many.csv"
    duckdb.connect().execute(
        "COPY (SELECT 'x' || i AS contact_id, CASE WHEN i = 450000 THEN 'bad' "
        "ELSE '2025-03-03T10:00:00Z' END AS hs_timestamp, 'call' AS type "
        f"FROM range(600000) t(i) ORDER BY i) TO '{a}' (HEADER)"
    )
    r = sb.audit(sb.load(sla_bp), files[0], pipeline="lifecycle", activities=a, as_of=AS_OF)
    assert r.sla is not None and r.sla.activities is not None
    assert r.sla.activities.examples["bad_timestamp"][0].where == f"{a}:450002"


def test_sla_counts_have_singular_forms() -> None:
    from salesblueprint.audit.formats import _sla_markdown, _sla_text
    from salesblueprint.audit.result import Sla
    from salesblueprint.i18n import translator

    nl = translator("nl")
    one = Sla("mql", "sql", "24h", 1, handoffs=1, contacts=1, measured=True, in_time=0)
    one.late, one.never, one.pending, one.attempts_met, one.recycled_short = 0, 1, 0, 0, 1
    one.recycled = 1
    text = "\n".join(_sla_text(one))
    assert "SLA: handoff mql → sql, follow up within 24h, 1 attempt" in text
    assert "  1 handoff (1 contact): 0 in time, 0 late, 1 never, 0 pending" in text
    assert ", 1 with fewer than 1 attempt; 0 of 1 handoff reached 1 attempt" in text
    dutch = "\n".join(_sla_text(one, nl))
    assert "  1 overdracht (1 contactpersoon): " in dutch
    assert ", 1 met minder dan 1 poging; 0 van 1 overdracht haalden 1 poging" in dutch
    assert "| recycled with fewer than 1 attempt | 1 |" in "\n".join(_sla_markdown(one))
    two = Sla("mql", "sql", "24h", 2, handoffs=2, contacts=2, measured=True, in_time=2)
    two.late, two.never, two.pending, two.attempts_met, two.recycled_short = 0, 0, 0, 2, 0
    text = "\n".join(_sla_text(two))
    assert "  2 handoffs (2 contacts): 2 in time" in text
    assert ", 0 with fewer than 2 attempts; 2 of 2 handoffs reached 2 attempts" in text
    assert "| handoffs | 2 (2 contacts) |" in "\n".join(_sla_markdown(two))
    assert "| overdrachten | 2 (2 contactpersonen) |" in "\n".join(_sla_markdown(two, nl))


_SINGULAR = {
    "en": ("0 of 1 attempt", "recycled with fewer than 1 attempt", "1 attempts"),
    "nl": ("0 van 1 poging", "teruggezet met minder dan 1 poging", "1 pogingen"),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_recycled_short_says_attempt_in_the_singular(tmp_path: Path, fmt: str, lang: str) -> None:
    """A handoff that needs 1 attempt: a contact recycled without any is '0 of 1 attempt'
    ('0 van 1 poging') in the examples (text, HTML, JSON), and the markdown table's row is
    'recycled with fewer than 1 attempt'; the required count sets the number of the noun."""
    bp = tmp_path / "one.blueprint.yaml"
    bp.write_text(BLUEPRINT + SLA.replace("attempts: 3", "attempts: 1"), encoding="utf-8")
    hist, acts = planted()
    hist += [  # handed off, never called, recycled
        ["zero0", "mql", _t(-days(1)), ""],
        ["zero0", "sql", _t(timedelta(0)), ""],
        ["zero0", "mql", _t(days(4)), "no_response"],
    ]
    h = write_csv(tmp_path / "lifecycle.csv", hist, ["deal_id", "stage", "entered_at", "reason"])
    a = write_csv(tmp_path / "activities.csv", acts, ["contact_id", "hs_timestamp", "type"])
    args = [str(bp), str(h), "--pipeline", "lifecycle", "--activities", str(a), "--as-of", AS_OF]
    example, row, plural = _SINGULAR[lang]
    code, out, _ = run(*args, "--format", fmt, "--lang", lang)
    assert code == 0
    if fmt == "markdown":  # counts only, no examples
        assert f"| {row} | 1 |" in out, out
    else:
        assert "zero0" in out and example in out, out
    assert plural not in out
    data = json.loads(run(*args, "--format", "json", "--lang", lang)[1])
    assert [e["detail"] for e in data["sla"]["examples"]["recycled_short"]] == [example]
