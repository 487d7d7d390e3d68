"""A generated blueprint larger than any example: many lifecycle stages, several long
pipelines, every stage with actions or a rep action and exit criteria (the blueprint view of it
does not fit one slide)."""

from __future__ import annotations

from typing import Any

from salesblueprint.model.blueprint import Blueprint
from salesblueprint.model.load import validate_data

TEAMS = ("marketing", "sales", "success")


def large_blueprint(pipelines: int = 3, stages: int = 12, lifecycle: int = 15) -> Blueprint:
    """The blueprint of :func:`large_blueprint_data`."""
    result = validate_data(large_blueprint_data(pipelines, stages, lifecycle))
    assert result.blueprint is not None, [str(f) for f in result.findings]
    return result.blueprint


def large_blueprint_data(
    pipelines: int = 3, stages: int = 12, lifecycle: int = 15
) -> dict[str, Any]:
    """``lifecycle`` lifecycle stages over three teams (the handoff from marketing's last to
    sales' first), ``pipelines`` pipelines of ``stages`` open stages each plus won, lost and
    two stages after close, and three tools."""
    per_team = [lifecycle // 3 + (1 if i < lifecycle % 3 else 0) for i in range(3)]
    life: list[dict[str, Any]] = []
    for team, count in zip(TEAMS, per_team, strict=True):
        for _ in range(count):
            n = len(life) + 1
            life.append(
                {
                    "id": f"l{n}",
                    "name": f"{team.capitalize()} stage {n}",
                    "owner": team,
                    "actions": [f"Send the buyer the step {n} guide", "Log the reply in the CRM"],
                    "conversion_rate": 0.5,
                    "exit_criteria": [
                        {
                            "outcome": f"Buyer confirmed step {n} in a reply to our email",
                            "evidence": "Reply logged",
                            "recorded_in": "crm.email",
                        }
                    ],
                }
            )
    life[-1]["terminal"] = True
    first_sales = per_team[0]
    pipes: list[dict[str, Any]] = []
    for p in range(pipelines):
        open_stages: list[dict[str, Any]] = [
            {
                "id": f"s{i + 1}",
                "name": f"Deal step {i + 1}",
                "rep_action": f"Run the step {i + 1} meeting with the buyer",
                "probability": round(0.05 + 0.9 * i / stages, 2),
                "expected_days": 7,
                "exit_criteria": [
                    {
                        "outcome": f"Buyer accepted the step {i + 1} summary by email",
                        "evidence": "Accepted summary",
                        "recorded_in": "crm.email",
                    }
                ],
            }
            for i in range(stages)
        ]
        pipes.append(
            {
                "id": f"p{p + 1}",
                "name": f"Pipeline {p + 1}",
                "owner": "sales",
                "stages": [
                    *open_stages,
                    {"id": "won", "name": "Closed won", "outcome": "won"},
                    {
                        "id": "lost",
                        "name": "Closed lost",
                        "outcome": "lost",
                        "reasons": ["no_budget", "competitor"],
                    },
                ],
                "after_close": [
                    {"id": "kickoff", "name": "Kick-off held", "owner": "success"},
                    {"id": "live", "name": "Live", "owner": "success"},
                ],
            }
        )
    life[first_sales + 1]["pipeline"] = "p1"
    if pipelines > 1:
        life[first_sales + 2]["pipeline"] = "p2"
    data = {
        "salesblueprint": 1,
        "name": "Large generated process",
        "teams": [{"id": t} for t in TEAMS],
        "lifecycle": {"stages": life},
        "pipelines": pipes,
        "sla": {
            "handoff": {
                "from": life[first_sales - 1]["id"],
                "to": life[first_sales]["id"],
                "follow_up_within": "24h",
                "attempts": 3,
            },
            "recycle": [
                {
                    "from": life[first_sales]["id"],
                    "to": life[first_sales - 1]["id"],
                    "when": "No reply after 3 attempts",
                }
            ],
        },
        "tools": [
            {"id": "ma", "name": "Marketing automation", "records": ["contact"]},
            {
                "id": "crm",
                "name": "CRM",
                "records": ["contact", "deal", "email"],
                "system_of_record": ["contact", "deal", "email"],
            },
            {"id": "erp", "name": "ERP", "records": ["invoice"], "system_of_record": ["invoice"]},
        ],
    }
    return data
