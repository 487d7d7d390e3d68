"""Import from each CRM: clean blueprints, crm: ids kept, nothing invented, notes at the top."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from salesblueprint import check
from salesblueprint.interop import InteropError, import_crm, read_crm
from salesblueprint.interop.salesforce import html_to_text
from salesblueprint.model.load import load_bytes

from .conftest import DATA, run_cli

SOURCES = [
    ("hubspot", DATA / "hubspot" / "default.json"),
    ("hubspot", DATA / "hubspot" / "relabelled.json"),
    ("pipedrive", DATA / "pipedrive" / "default.json"),
    ("pipedrive", DATA / "pipedrive" / "custom.json"),
    ("salesforce", DATA / "salesforce"),
]


def _load(text: str):  # type: ignore[no-untyped-def]
    result = load_bytes(text.encode(), "imported.yaml")
    assert result.blueprint is not None, [str(f) for f in result.findings]
    return result.blueprint


@pytest.mark.parametrize(("crm", "source"), SOURCES, ids=lambda x: str(x).rsplit("/", 2)[-1])
def test_import_checks_without_errors_and_invents_nothing(crm: str, source: Path) -> None:
    text = import_crm(crm, str(source))
    assert text.startswith("# Imported from ")
    assert "# Not carried over" in text.split("salesblueprint: 1")[0]
    bp = _load(text)
    errors = [str(f) for f in check(bp) if f.severity == "error"]
    assert errors == []
    for stage in bp.iter_stages():
        assert stage.exit_criteria == []  # a CRM holds no exit criteria
    for p in bp.pipelines:
        assert {s.outcome for s in p.stages} >= {"won", "lost"}


def test_hubspot_default_seven_stages() -> None:
    bp = _load(import_crm("hubspot", str(DATA / "hubspot" / "default.json")))
    (p,) = bp.pipelines
    assert p.crm is not None and p.crm.hubspot == "default"
    assert [s.crm.hubspot for s in p.stages if s.crm] == [
        "appointmentscheduled",
        "qualifiedtobuy",
        "presentationscheduled",
        "decisionmakerboughtin",
        "contractsent",
        "closedwon",
        "closedlost",
    ]
    assert [s.probability for s in p.stages[:5]] == [0.2, 0.4, 0.6, 0.8, 0.9]
    assert [s.outcome for s in p.stages[5:]] == ["won", "lost"]


def test_hubspot_relabelled_account_decides_outcome_from_metadata() -> None:
    text = import_crm("hubspot", str(DATA / "hubspot" / "relabelled.json"))
    bp = _load(text)
    (p,) = bp.pipelines  # the archived pipeline is left out
    by_id = {s.crm.hubspot: s for s in p.stages if s.crm}
    assert by_id["contractsent"].outcome == "won"
    assert by_id["closedwon"].outcome == "lost"  # relabelled, closed with probability 0
    assert "presentationscheduled" not in by_id  # archived
    # displayOrder, not list order
    assert [s.name for s in p.stages if s.outcome is None] == [
        "Discovery call booked",
        "Budget confirmed",
        "Trial running",
        "Proposal accepted",
    ]
    head = text.split("salesblueprint: 1")[0]
    assert "archived stage 'Demo given'" in head
    assert "archived pipeline 'Old renewals'" in head
    assert "stages[].colour" in head  # unknown fields are listed


def test_hubspot_pipeline_option() -> None:
    with pytest.raises(InteropError, match="no pipeline"):
        read_crm("hubspot", str(DATA / "hubspot" / "default.json"), "nope")
    data = read_crm("hubspot", str(DATA / "hubspot" / "default.json"), "default")
    assert len(data.pipelines) == 1


def test_pipedrive_adds_outcomes_and_expected_days() -> None:
    bp = _load(import_crm("pipedrive", str(DATA / "pipedrive" / "custom.json")))
    assert [p.crm.pipedrive for p in bp.pipelines if p.crm] == ["2", "3"]
    p = bp.pipelines[0]
    assert [s.name for s in p.stages] == [
        "Lead in",
        "Meeting held",
        "Proposal sent",
        "Verbal yes",
        "Won",
        "Lost",
    ]  # the deleted stage is left out
    assert [s.expected_days for s in p.stages[:4]] == [7, 14, 10, 5]
    assert [s.probability for s in p.stages[:4]] == [0.1, 0.3, 0.6, 0.9]
    assert p.stages[4].crm is None and p.stages[4].outcome == "won"
    data = read_crm("pipedrive", str(DATA / "pipedrive" / "custom.json"), "3")
    assert [p.id for p in data.pipelines] == ["3"]


def test_salesforce_processes_escaped_names_and_guidance() -> None:
    text = import_crm("salesforce", str(DATA / "salesforce"))
    bp = _load(text)
    assert [p.name for p in bp.pipelines] == ["New Business", "Renewal"]
    nb = bp.pipelines[0]
    assert len(nb.stages) == 10
    assert [s.probability for s in nb.stages[:8]] == [
        0.1,
        0.1,
        0.2,
        0.5,
        0.6,
        0.7,
        0.75,
        0.9,
    ]
    quote = next(s for s in nb.stages if s.crm and s.crm.salesforce == "Proposal/Price Quote")
    assert quote.id == "proposal_price_quote"
    assert quote.rep_action == "Send the quote\nwithin 2 days"
    assert nb.stages[0].rep_action == (
        "Book the discovery call & send the agenda.\n- Confirm the budget owner\n- Log the call"
    )
    renewal = bp.pipelines[1]
    assert [s.crm.salesforce for s in renewal.stages if s.crm] == [
        "Qualification",
        "Negotiation/Review",
        "Closed Won",
        "Closed Lost",
    ]
    assert renewal.stages[1].rep_action is None  # the Path belongs to New Business' record type
    head = text.split("salesblueprint: 1")[0]
    assert "lead statuses after the converted one" in head and "Closed - Not Converted" in head
    only = read_crm("salesforce", str(DATA / "salesforce"), "Renewal")
    assert [p.label for p in only.pipelines] == ["Renewal"]


def test_salesforce_lead_statuses_become_the_lifecycle_up_to_conversion(tmp_path: Path) -> None:
    bp = _load(import_crm("salesforce", str(DATA / "salesforce")))
    assert bp.lifecycle is not None
    stages = bp.lifecycle.stages
    assert [s.crm.salesforce for s in stages if s.crm] == [
        "Open - Not Contacted",
        "Working - Contacted",
        "Closed - Converted",
    ]
    assert [s.lead_conversion is not None for s in stages] == [False, False, True]
    conv = stages[-1].lead_conversion
    assert conv is not None and conv.creates == ["contact", "account", "opportunity"]
    assert stages[-1].terminal and stages[-1].pipeline is None  # two processes: no link
    # one process: the conversion leads into its pipeline
    one = _load(import_crm("salesforce", str(DATA / "salesforce"), "Renewal"))
    assert one.lifecycle is not None and one.lifecycle.stages[-1].pipeline == "renewal"
    assert [f.rule for f in check(one) if f.severity == "error"] == []


def _lead_set(tmp_path: Path, values: list[tuple[str, bool]]) -> Path:
    import shutil

    d = tmp_path / "md"
    shutil.copytree(DATA / "salesforce", d)
    body = "".join(
        f"<standardValue><fullName>{n}</fullName><converted>{str(c).lower()}</converted>"
        "</standardValue>"
        for n, c in values
    )
    f = next(d.rglob("LeadStatus.standardValueSet-meta.xml"))
    f.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><StandardValueSet '
        f'xmlns="http://soap.sforce.com/2006/04/metadata">{body}</StandardValueSet>'
    )
    return d


def test_salesforce_lead_statuses_without_or_with_several_converted(tmp_path: Path) -> None:
    d = _lead_set(tmp_path, [("New", False), ("Working", False), ("Dead", False)])
    text = import_crm("salesforce", str(d))
    assert _load(text).lifecycle is None
    assert "none is marked converted" in text.split("salesblueprint: 1")[0]
    d = _lead_set(tmp_path / "b", [("New", False), ("Converted", True), ("Won", True)])
    text = import_crm("salesforce", str(d))
    bp = _load(text)
    assert bp.lifecycle is not None and [s.name for s in bp.lifecycle.stages] == [
        "New",
        "Converted",
    ]
    assert "more converted lead statuses" in text.split("salesblueprint: 1")[0]


def test_html_to_text() -> None:
    assert html_to_text("<p>a &amp; b</p><ul><li>one</li><li>two</li></ul>") == (
        "a & b\n- one\n- two"
    )
    assert html_to_text("") == ""


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">&lol2;</StandardValueSet>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata"><sorted>&xxe;</sorted>
</StandardValueSet>
"""


def _sf_dir(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "standardValueSets"
    d.mkdir()
    (d / "OpportunityStage.standardValueSet-meta.xml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text", [BOMB, XXE], ids=["billion-laughs", "xxe"])
def test_xml_entities_are_refused(tmp_path: Path, text: str) -> None:
    d = _sf_dir(tmp_path, text)
    r = run_cli("import", "salesforce", str(d))
    assert r.returncode == 2
    assert "refused" in r.stderr and "OpportunityStage.standardValueSet-meta.xml:2" in r.stderr
    assert "root:" not in r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def test_malformed_xml_exit_2_with_line(tmp_path: Path) -> None:
    xml = '<?xml version="1.0"?>\n<StandardValueSet>\n<sorted>\n</StandardValueSet>\n'
    d = _sf_dir(tmp_path, xml)
    r = run_cli("import", "salesforce", str(d))
    assert r.returncode == 2
    assert "meta.xml:4:3: malformed XML" in r.stderr


def test_malformed_json_exit_2_with_line(tmp_path: Path) -> None:
    f = tmp_path / "p.json"
    f.write_text('{"results": [\n  {"id": "x",\n  "label": }\n]}\n', encoding="utf-8")
    for crm in ("hubspot", "pipedrive"):
        r = run_cli("import", crm, str(f))
        assert r.returncode == 2, r.stderr
        assert f"{f}:3:12: malformed JSON" in r.stderr


@pytest.mark.parametrize(
    ("crm", "body", "message"),
    [
        ("hubspot", "[]", "expected an object"),
        ("hubspot", '{"foo": 1}', "not a HubSpot pipelines response"),
        (
            "hubspot",
            '{"results": [{"id": "p", "stages": [{"id": "s", "metadata": '
            '{"probability": "high"}}]}]}',
            "expected a number, got 'high'",
        ),
        (
            "hubspot",
            '{"results": [{"id": "p", "stages": [{"id": "s", "metadata": '
            '{"probability": "1.5"}}]}]}',
            "not between 0.0 and 1.0",
        ),
        ("pipedrive", '{"success": false, "error": "unauthorized access"}', "unauthorized"),
        ("pipedrive", '{"data": [{"id": 1, "deal_probability": 150}]}', "not between 0 and 100"),
        ("pipedrive", '{"data": "x"}', "expected a list"),
    ],
)
def test_bad_shapes_are_clear(tmp_path: Path, crm: str, body: str, message: str) -> None:
    f = tmp_path / "x.json"
    f.write_text(body, encoding="utf-8")
    r = run_cli("import", crm, str(f))
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_import_writes_file(tmp_path: Path) -> None:
    out = tmp_path / "bp.yaml"
    r = run_cli("import", "hubspot", str(DATA / "hubspot" / "default.json"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(out.read_text())["pipelines"][0]["crm"] == {"hubspot": "default"}
    r = run_cli("check", str(out))
    assert r.returncode == 0, r.stdout
    r = run_cli("import", "hubspot")
    assert r.returncode == 2 and "--from-api" in r.stderr
    r = run_cli("import", "salesforce", str(tmp_path))
    assert r.returncode == 2 and "OpportunityStage" in r.stderr
