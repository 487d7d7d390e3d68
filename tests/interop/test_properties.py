"""Property tests (hypothesis) for the CRM importers: whatever JSON a file or an API holds.

(a) arbitrary JSON in the shape of a HubSpot or Pipedrive response (every field any type:
    null, lists, objects, booleans, huge, negative and non-finite numbers, hostile text) is
    either imported or refused with an :class:`InteropError`, never anything else;
(b) when it is imported, the YAML has a header of comment lines only and a body that loads,
    and ``check`` finds no error in it (what docs/interop.md promises);
(c) arbitrary bytes as the file are either JSON or an ``InteropError`` with the file.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from salesblueprint.api import check
from salesblueprint.interop import hubspot, pipedrive
from salesblueprint.interop.base import InteropError
from salesblueprint.interop.build import blueprint_yaml
from salesblueprint.interop.jsonio import parse_json
from salesblueprint.model.load import load_bytes

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# text a CRM admin (or an attacker) can type into a label: YAML-special words, line breaks of
# every kind YAML knows, terminal escapes, bidirectional overrides, NUL, surrogate-free unicode
HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "No",
            "~",
            "null",
            "- x",
            "a: b",
            "#x",
            "&a *a",
            "!!python/object:os.system",
            "x\u2028pipelines: []",
            "x\u2029y",
            "x\x85y",
            "x\ry",
            "x\nsalesblueprint: 2",
            "\x1b]0;title\x07",
            "\x1b[31mred",
            "\u202eevil",
            "\x00",
            "²",
            "٣",
            "9" * 5000,
            "1e999",
            "NaN",
            "-0",
        ]
    ),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 100, 0.5, -1, 1e308, 10**400]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, HOSTILE_TEXT)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
# mostly plausible values, so that most bodies import and the output is tested too
BOOLISH = st.one_of(
    st.booleans(), st.none(), st.booleans(), st.sampled_from(["true", "false", " TRUE "]), ANY_JSON
)
NUMBERISH = st.one_of(
    st.integers(0, 100),
    st.floats(0, 1),
    st.floats(0, 1).map(str),
    NUMBERS,
    NUMBERS.map(str),
    ANY_JSON,
)
TEXTISH = st.one_of(HOSTILE_TEXT, HOSTILE_TEXT, st.integers(), ANY_JSON)


def _obj(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


HUBSPOT_STAGE = _obj(
    {
        "id": TEXTISH,
        "label": TEXTISH,
        "displayOrder": NUMBERISH,
        "archived": BOOLISH,
        "metadata": st.one_of(
            _obj({"probability": NUMBERISH, "isClosed": BOOLISH, "other": ANY_JSON}), ANY_JSON
        ),
        "writePermissions": ANY_JSON,
    }
)
HUBSPOT_PIPELINE = _obj(
    {
        "id": TEXTISH,
        "label": TEXTISH,
        "displayOrder": NUMBERISH,
        "archived": BOOLISH,
        "stages": st.one_of(st.lists(st.one_of(HUBSPOT_STAGE, ANY_JSON), max_size=6), ANY_JSON),
    }
)
HUBSPOT_BODY = st.one_of(
    _obj({"results": st.lists(HUBSPOT_PIPELINE, max_size=3), "paging": ANY_JSON}),
    HUBSPOT_PIPELINE,
    ANY_JSON,
)
PIPEDRIVE_STAGE = _obj(
    {
        "id": TEXTISH,
        "name": TEXTISH,
        "order_nr": NUMBERISH,
        "pipeline_id": TEXTISH,
        "is_deleted": BOOLISH,
        "deal_probability": NUMBERISH,
        "is_deal_rot_enabled": BOOLISH,
        "days_to_rotten": NUMBERISH,
    }
)
PIPEDRIVE_BODY = st.one_of(
    _obj(
        {
            "success": BOOLISH,
            "data": st.one_of(st.lists(st.one_of(PIPEDRIVE_STAGE, ANY_JSON), max_size=6), ANY_JSON),
            "error": ANY_JSON,
            "additional_data": ANY_JSON,
        }
    ),
    ANY_JSON,
)
PIPELINE_ARG = st.one_of(st.none(), HOSTILE_TEXT)

# well-typed bodies (every value of the right type, texts hostile, numbers at the edges), so
# that most import and the YAML they give is what is tested
LABEL = st.one_of(HOSTILE_TEXT, st.text(min_size=1, max_size=12))
HS_STAGE_OK = st.fixed_dictionaries(
    {"id": LABEL, "label": LABEL},
    optional={
        "displayOrder": st.one_of(st.integers(-5, 10), st.floats(-1e300, 1e300)),
        "archived": st.booleans(),
        "metadata": st.fixed_dictionaries(
            {},
            optional={
                "probability": st.one_of(st.floats(0, 1), st.floats(0, 1).map(str), st.just("")),
                "isClosed": st.one_of(st.booleans(), st.sampled_from(["true", "false"])),
            },
        ),
    },
)
HS_BODY_OK = st.fixed_dictionaries(
    {
        "results": st.lists(
            st.fixed_dictionaries(
                {"id": LABEL, "label": LABEL, "stages": st.lists(HS_STAGE_OK, max_size=8)},
                optional={"archived": st.booleans(), "displayOrder": st.integers(-3, 3)},
            ),
            max_size=3,
        )
    }
)
PD_STAGE_OK = st.fixed_dictionaries(
    {
        "id": st.one_of(st.integers(0, 10**12), LABEL),
        "name": LABEL,
        "pipeline_id": st.one_of(st.integers(0, 3), st.sampled_from(["1", "²", "٣", "9" * 5000])),
    },
    optional={
        "order_nr": st.one_of(st.integers(-5, 10), st.floats(-1e300, 1e300)),
        "deal_probability": st.one_of(st.integers(0, 100), st.floats(0, 100), st.none()),
        "is_deal_rot_enabled": st.booleans(),
        "days_to_rotten": st.one_of(st.integers(0, 36500), st.floats(0, 36500), st.none()),
        "is_deleted": st.booleans(),
    },
)
PD_BODY_OK = st.fixed_dictionaries(
    {"success": st.just(True), "data": st.lists(PD_STAGE_OK, max_size=8)}
)

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _assert_imports_cleanly(body: Any, crm: Any, pipeline: str | None) -> None:
    try:
        data = crm.parse(body, "crm.json", pipeline)
        text = blueprint_yaml(data)
    except InteropError as e:
        assert e.file == "crm.json" or e.file == ""
        assert e.message
        event("refused")
        return
    event("imported")
    header, _, _ = text.partition("salesblueprint: 1\n")
    # every line of the header is a comment, as YAML splits lines (LS, PS and NEL too)
    assert all(line.startswith("#") for line in _BREAK.split(header.rstrip("\n"))), header
    assert all(c.isprintable() or c == "\n" for c in header), header
    doc = yaml.safe_load(text)
    assert doc["salesblueprint"] == 1
    result = load_bytes(text.encode("utf-8"), "imported.yaml")
    assert result.blueprint is not None, (result.findings, text)
    errors = [f for f in [*result.findings, *check(result.blueprint)] if f.severity == "error"]
    assert not errors, (errors, text)
    for p in doc["pipelines"]:
        for s in p["stages"]:
            prob = s.get("probability")
            assert prob is None or (isinstance(prob, float) and 0 <= prob <= 1)
            days = s.get("expected_days")
            assert days is None or (isinstance(days, int) and days >= 1)
            assert not isinstance(prob, float) or math.isfinite(prob)


@SETTINGS
@given(HUBSPOT_BODY, PIPELINE_ARG)
def test_hubspot_any_json_imports_or_is_refused(body: Any, pipeline: str | None) -> None:
    _assert_imports_cleanly(body, hubspot, pipeline)


@SETTINGS
@given(PIPEDRIVE_BODY, PIPELINE_ARG)
def test_pipedrive_any_json_imports_or_is_refused(body: Any, pipeline: str | None) -> None:
    _assert_imports_cleanly(body, pipedrive, pipeline)


@SETTINGS
@given(HS_BODY_OK, st.none())
def test_hubspot_well_typed_bodies_import_to_checked_yaml(body: Any, pipeline: None) -> None:
    _assert_imports_cleanly(body, hubspot, pipeline)


@SETTINGS
@given(PD_BODY_OK, st.none())
def test_pipedrive_well_typed_bodies_import_to_checked_yaml(body: Any, pipeline: None) -> None:
    _assert_imports_cleanly(body, pipedrive, pipeline)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")))
def test_parse_json_bytes_are_json_or_an_error(raw: bytes) -> None:
    try:
        parse_json(raw, "crm.json")
    except InteropError as e:
        assert e.file == "crm.json"
        assert "crm.json" in str(e)


@pytest.mark.parametrize("crm", [hubspot, pipedrive])
def test_plan_and_export_of_imported_hostile_names_are_printable_json(crm: Any) -> None:
    """Names straight from a CRM reach the export payload as strict, escaped JSON."""
    # (kept small: the property above covers the shapes; this pins the round trip)
    import json

    from salesblueprint.interop import export_crm

    if crm is hubspot:
        body = {
            "results": [
                {
                    "id": "p",
                    "label": "P\x1b]0;t\x07",
                    "stages": [
                        {"id": "a", "label": "A\u202e\x1b[2J", "metadata": {"probability": "0.2"}},
                        {"id": "w", "label": "W", "metadata": {"probability": 1, "isClosed": True}},
                        {"id": "l", "label": "L", "metadata": {"probability": 0, "isClosed": True}},
                    ],
                }
            ]
        }
    else:
        body = {"data": [{"id": 1, "name": "A\u202e\x1b[2J", "pipeline_id": 1}]}
    text = blueprint_yaml(crm.parse(body, "crm.json"))
    bp = load_bytes(text.encode("utf-8"), "imported.yaml").blueprint
    assert bp is not None
    out = export_crm(bp, crm.CRM).text
    assert out is not None
    assert all(c.isprintable() or c == "\n" for c in out)
    stages = json.loads(out)["stages"]
    assert stages[0][("label" if crm is hubspot else "name")] == "A\u202e\x1b[2J"
