"""The typed model of a blueprint file (format v1).

Every model forbids unknown keys. After validation each node knows its ``path`` in the file
(``pipelines[0].stages[1]``), which the rules use to point findings at a line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from salesblueprint.diagnostics.findings import Path
from salesblueprint.model.types import (
    Bool,
    Duration,
    Fraction,
    Id,
    Integer,
    Number,
    PositiveInt,
    Ref,
    Text,
)

if TYPE_CHECKING:
    import networkx as nx

    from salesblueprint.loading.yaml_reader import PosDict


def _new_list() -> list[Any]:
    """A new list: the default of list fields. A Python function rather than ``list`` itself,
    because pydantic reads a default factory's signature, and reading a builtin's imports and
    compiles the tokenizer (about 5 ms of every ``check``)."""
    return []


def _new_dict() -> dict[Any, Any]:
    """A new dict (see :func:`_new_list`)."""
    return {}


class Node(BaseModel):
    """Base of every model: unknown keys are errors; the node remembers its path."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        validate_default=False,
        revalidate_instances="never",
        defer_build=True,
    )
    _path: Path = PrivateAttr(default=())

    @property
    def path(self) -> Path:
        return self._path


class LintSettings(Node):
    """Rule settings for a node and everything under it."""

    ignore: list[Text] = Field(
        default_factory=_new_list,
        description="Rule codes or names not to report for this node and its children.",
        examples=[["SB105", "dead-end-stage"]],
    )


class Linted(Node):
    lint: LintSettings | None = Field(
        default=None, description="Rule settings for this node and everything under it."
    )


Role = Literal["marketing", "sdr", "ae", "sales", "csm", "other"]
"""What a team does: ``marketing``; ``sdr`` (sales development: qualifies leads); ``ae``
(account executives: work opportunities and close); ``sales`` (one team does both);
``csm`` (customer success); ``other``."""

CrmObject = Literal["contact", "account", "opportunity"]


def _all_objects() -> list[CrmObject]:
    return ["contact", "account", "opportunity"]


class Team(Linted):
    id: Id = Field(description="Team id, used by `owner:` keys.", examples=["marketing"])
    name: Text | None = Field(default=None, description="Display name.")
    description: Text | None = None
    role: Role | None = Field(
        default=None,
        description="What the team does: marketing | sdr (sales development: qualifies leads) | "
        "ae (account executives: work the opportunities) | sales (both) | csm (customer "
        "success) | other. The SLA and lead-conversion checks use it to tell the sides apart.",
        examples=["sdr"],
    )

    @field_validator("role", mode="before")
    @classmethod
    def _role_case(cls, v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v


class ExitCriterion(Linted):
    """What must have happened for a contact or deal to leave a stage."""

    outcome: Text = Field(
        description="What the buyer did, said or agreed to: an observable event.",
        examples=["Buyer confirmed problem, impact and timeline in a reply to the recap email"],
    )
    evidence: Text | None = Field(
        default=None,
        description="The artefact a manager can inspect.",
        examples=["Email reply logged on the deal"],
    )
    recorded_in: Ref | None = Field(
        default=None,
        description="Tool id, or `tool.record`, where the evidence is recorded.",
        examples=["crm.email"],
    )
    actor: Literal["buyer", "seller"] | None = Field(
        default=None, description="Who performs the outcome; overrules the language heuristics."
    )

    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        return {"outcome": v} if isinstance(v, str) else v


class CrmIds(Node):
    """The CRM's own identifiers of a stage or pipeline, kept by import and used by drift."""

    hubspot: Text | None = Field(
        default=None,
        description="HubSpot id (stage or pipeline), e.g. `appointmentscheduled`.",
        examples=["appointmentscheduled"],
    )
    salesforce: Text | None = Field(
        default=None,
        description="Salesforce value `fullName` (stage) or business process `fullName`.",
        examples=["Proposal/Price Quote"],
    )
    pipedrive: Text | None = Field(
        default=None, description="Pipedrive stage or pipeline id.", examples=["4"]
    )

    def get(self, crm: str) -> str | None:
        value = getattr(self, crm, None)
        return value if isinstance(value, str) else None


class _Stage(Linted):
    id: Id = Field(description="Stage id, unique in its list.")
    name: Text | None = Field(default=None, description="Display name.")
    owner: Id | None = Field(default=None, description="The team that owns this stage.")
    exit_criteria: list[ExitCriterion] = Field(
        default_factory=_new_list,
        description="Buyer-side, factual, inspectable outcomes that end this stage. "
        "A plain string is shorthand for `{outcome: ...}`.",
    )
    crm: CrmIds | None = Field(
        default=None,
        description="The stage's identifiers in CRMs (written by `salesblueprint import`); "
        "drift matches CRM stages by these, else by name.",
        examples=[{"hubspot": "appointmentscheduled"}],
    )

    @field_validator("exit_criteria", mode="before")
    @classmethod
    def _criteria_shorthand(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [ExitCriterion._shorthand(x) for x in v]
        return v

    @property
    def label(self) -> str:
        return self.name or self.id


class Conversion(Linted):  # a lifecycle stage's ``lead_conversion``
    """Lead conversion: the lead record becomes a contact, an account and (usually) an
    opportunity, as Salesforce's *Convert* does."""

    creates: list[CrmObject] = Field(
        default_factory=_all_objects,
        min_length=1,
        description="The records the conversion creates (or links to existing ones): contact, "
        "account, opportunity. Default: all three.",
        examples=[["contact", "account", "opportunity"]],
    )


class LifecycleStage(_Stage):
    """A stage of the contact/company journey (Lead, MQL, SQL, Opportunity, Customer ...)."""

    definition: Text | None = Field(default=None, description="The agreed definition.")
    actions: list[Text] = Field(
        default_factory=_new_list, description="What the owning team does in this stage."
    )
    conversion_rate: Fraction | None = Field(
        default=None, description="Share (0..1) that reaches the next stage; for the funnel maths."
    )
    terminal: Bool = Field(default=False, description="Contacts stay here: no default next stage.")
    pipeline: Id | None = Field(
        default=None, description="Deals of contacts in this stage run in this pipeline."
    )
    lead_conversion: Conversion | None = Field(
        default=None,
        description="The lead is converted on entering this stage (at most one stage): before "
        "it, work happens on the lead record (SDRs); from here on, on the contact, account and "
        "opportunity (account executives). Salesforce: the lead status marked `converted`.",
        examples=[{"creates": ["contact", "account", "opportunity"]}],
    )


class DealStage(_Stage):
    """A stage of a deal pipeline; with `outcome:` it is a won or lost outcome stage."""

    rep_action: Text | None = Field(default=None, description="What the seller does here.")
    probability: Fraction | None = Field(
        default=None, description="Chance to win from here (0..1)."
    )
    expected_days: PositiveInt | None = Field(
        default=None, description="Typical days in this stage."
    )
    outcome: Literal["won", "lost"] | None = Field(
        default=None, description="Marks an outcome stage (closed won / closed lost)."
    )
    reasons: list[Text] = Field(
        default_factory=_new_list, description="Lost reasons (outcome: lost)."
    )

    @property
    def is_open(self) -> bool:
        return self.outcome is None


class Transition(Linted):
    """A move other than "to the next stage in list order"."""

    from_: Ref = Field(alias="from", description="Stage id the move starts from.")
    to: Ref = Field(description="Stage id the move goes to.")
    kind: Literal["forward", "skip", "recycle"] = Field(
        default="forward", description="forward | skip (jump ahead) | recycle (go back)."
    )
    when: Text | None = Field(default=None, description="The condition, in words.")
    reasons: list[Text] = Field(default_factory=_new_list)
    intended: Bool = Field(
        default=False,
        description="The team wants this move although it bypasses stages (a fast lane): the "
        "stages it jumps over are optional on purpose and not reported as bypassed (SB201).",
    )


class Lifecycle(Linted):
    stages: list[LifecycleStage] = Field(
        min_length=1, description="Lifecycle stages; list order is the default forward path."
    )
    transitions: list[Transition] = Field(default_factory=_new_list)


class Pipeline(Linted):
    """A deal pipeline: open stages in order, then outcome stages."""

    id: Id
    name: Text | None = None
    description: Text | None = None
    owner: Id | None = Field(default=None, description="The team that owns the pipeline.")
    stages: list[DealStage] = Field(min_length=1)
    after_close: list[DealStage] = Field(
        default_factory=_new_list,
        description="Stages after the win (hand-over, implementation ...).",
    )
    transitions: list[Transition] = Field(default_factory=_new_list)
    crm: CrmIds | None = Field(
        default=None,
        description="The pipeline's identifiers in CRMs (HubSpot pipeline id, Salesforce "
        "business process, Pipedrive pipeline id).",
        examples=[{"hubspot": "default"}],
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class Handoff(Linted):
    from_: Ref = Field(alias="from", description="Marketing's last stage.")
    to: Ref = Field(description="Sales' first stage.")
    follow_up_within: Duration | None = Field(
        default=None, description="30m, 24h, 2d, 1w or ISO 8601 (PT24H).", examples=["24h"]
    )
    attempts: PositiveInt | None = None


class Recycle(Linted):
    from_: Ref = Field(alias="from")
    to: Ref
    when: Text | None = None
    reasons: list[Text] = Field(default_factory=_new_list)


class Disqualify(Linted):
    reasons: list[Text] = Field(default_factory=_new_list)


class ScoringRule(Linted):
    signal: Text
    kind: Literal["fit", "behaviour", "behavior"]
    points: Integer


class Scoring(Linted):
    threshold: Number
    rules: list[ScoringRule] = Field(default_factory=_new_list)


class Targets(Linted):
    period: Literal["month", "quarter", "year"]
    revenue: Number | None = Field(default=None, ge=0)
    currency: Text | None = None
    average_deal_size: Number | None = Field(default=None, gt=0)


class SLA(Linted):
    """The marketing/sales agreement."""

    handoff: Handoff | None = None
    recycle: list[Recycle] = Field(default_factory=_new_list)
    disqualify: Disqualify | None = None
    scoring: Scoring | None = None
    targets: Targets | None = None
    review: Text | None = Field(default=None, description="Review cadence, e.g. monthly.")


class Tool(Linted):
    id: Id
    name: Text | None = None
    description: Text | None = None
    category: Text | None = Field(default=None, examples=["crm", "marketing_automation"])
    records: list[Id] = Field(default_factory=_new_list, description="Records this tool holds.")
    system_of_record: list[Id] = Field(
        default_factory=_new_list, description="Records for which this tool leads."
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class Flow(Linted):
    from_: Id = Field(alias="from", description="Source tool id.")
    to: Id = Field(description="Target tool id.")
    data: list[Id] = Field(default_factory=_new_list, description="Records that move.")
    trigger: Ref | None = Field(
        default=None,
        description="Entering this stage moves the data (lifecycle id or pipeline.stage).",
    )
    when: Text | None = None


class DisplayNames(Node):
    """How ids are shown to people in diagrams: ``{geen_budget: Geen budget}``.

    Without an entry, an id is shown as written in an English blueprint, and as words
    (``geen_budget`` → ``geen budget``) in a blueprint in another language.
    """

    reasons: dict[Id, Text] = Field(
        default_factory=_new_dict,
        description="Lost, recycle and disqualify reasons.",
        examples=[{"geen_budget": "Geen budget"}],
    )
    categories: dict[Id, Text] = Field(
        default_factory=_new_dict,
        description="Tool categories.",
        examples=[{"project_management": "Projectbeheer"}],
    )
    records: dict[Id, Text] = Field(
        default_factory=_new_dict,
        description="Records of the tools.",
        examples=[{"e_mail": "E-mail"}],
    )


class Blueprint(Linted):
    """A whole blueprint file."""

    salesblueprint: Literal[1] = Field(description="Format version; must be 1.")
    name: Text
    description: Text | None = None
    owner: Text | None = None
    language: Literal["en", "nl"] = Field(
        default="en",
        description="The language of the blueprint: the vocabulary of the norm checks, and the "
        "language of every message, diagram, funnel and diff made for it.",
    )
    display_names: DisplayNames | None = Field(
        default=None, description="How ids (reasons, tool categories, records) are shown."
    )
    teams: list[Team] = Field(default_factory=_new_list)
    lifecycle: Lifecycle | None = None
    pipelines: list[Pipeline] = Field(default_factory=_new_list)
    sla: SLA | None = None
    tools: list[Tool] = Field(default_factory=_new_list)
    flows: list[Flow] = Field(default_factory=_new_list)

    _file: str = PrivateAttr(default="")
    _source: PosDict | None = PrivateAttr(default=None)
    # graph and stage graph by ``tools``, each with the model content it was built from
    _graphs: dict[bool, tuple[str, Any]] = PrivateAttr(default_factory=dict)

    @field_validator("salesblueprint", mode="before")
    @classmethod
    def _version(cls, v: Any) -> Any:
        return 1 if v in ("1", 1) and not isinstance(v, bool) else v

    def model_post_init(self, __context: Any) -> None:
        _assign_paths(self, ())

    @property
    def file(self) -> str:
        return self._file

    @property
    def source(self) -> PosDict | None:
        """The raw data read from the file, with positions (``None`` when built in Python)."""
        return self._source

    # -- lookups used by rules and renderers ------------------------------------------
    def team(self, team_id: str) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def pipeline(self, pipeline_id: str) -> Pipeline | None:
        return next((p for p in self.pipelines if p.id == pipeline_id), None)

    def tool(self, tool_id: str) -> Tool | None:
        return next((t for t in self.tools if t.id == tool_id), None)

    def iter_criteria(self) -> Iterator[tuple[_Stage, ExitCriterion]]:
        for stage in self.iter_stages():
            for crit in stage.exit_criteria:
                yield stage, crit

    def iter_stages(self) -> Iterator[LifecycleStage | DealStage]:
        if self.lifecycle:
            yield from self.lifecycle.stages
        for p in self.pipelines:
            yield from p.stages
            yield from p.after_close

    @property
    def graph(self) -> nx.DiGraph:  # type: ignore[type-arg]
        """The blueprint as a typed networkx graph: stages and tools, every node and edge with a
        ``kind`` (see :func:`salesblueprint.model.graph.to_networkx`).

        Always current: the graph is cached, and built again when the model has changed since
        (``bp.lifecycle.stages.pop()``, an assignment ...). Changes to the returned graph are not
        written back to the model.
        """
        return self._current_graph(tools=True)

    @property
    def stage_graph(self) -> nx.DiGraph:  # type: ignore[type-arg]
        """:attr:`graph` without the tools: only lifecycle and deal stages and the moves between
        them, so ``descendants()``, ``has_path()`` or ``topological_sort()`` see stages only."""
        return self._current_graph(tools=False)

    def _current_graph(self, tools: bool) -> nx.DiGraph:  # type: ignore[type-arg]
        from salesblueprint.model.graph import to_networkx

        try:  # the model's content: cheaper to compare than the graph is to build
            key: str | None = self.model_dump_json(warnings=False)
        except Exception:  # a value assigned without validation that does not serialise
            key = None
        cached = self._graphs.get(tools)
        if key is not None and cached is not None and cached[0] == key:
            same: nx.DiGraph = cached[1]  # type: ignore[type-arg]
            return same
        g = to_networkx(self, tools=tools)
        if key is not None:  # a new dict: a model_copy() shares the old one, not this
            self._graphs = {**self._graphs, tools: (key, g)}
        return g


def _assign_paths(
    node: BaseModel, path: Path, origin: Mapping[Path, Sequence[int]] | None = None
) -> None:
    """Give every node its path. ``origin`` maps the path of a list that lost items (a
    blueprint salvaged from a file with errors) to the index each kept item had in the file."""
    if isinstance(node, Node):
        node._path = path
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        key = info.alias or name
        if isinstance(value, BaseModel):
            _assign_paths(value, (*path, key), origin)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            where = (*path, key)
            index = origin.get(where) if origin else None
            for i, item in enumerate(value):
                _assign_paths(item, (*where, index[i] if index else i), origin)
