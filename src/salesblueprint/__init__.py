"""salesblueprint: write your sales process as code, and check it.

```python
import salesblueprint as sb
bp = sb.load("blueprint.yaml")   # -> sb.Blueprint; raises sb.BlueprintError listing every problem
findings = sb.check(bp)          # -> list[sb.Finding]
findings = sb.check_file(path)   # load and check; never raises: bad input is findings
graph = bp.graph                 # -> networkx.DiGraph of stages, transitions, tools and flows
stages = bp.stage_graph          # -> the same without the tools
plan = sb.funnel(bp, what_if={"mql": 0.5})  # raises sb.WhatIfError for a rate it cannot use
svg = sb.render(bp, view="lifecycle", format="svg")  # sb.ViewError, sb.RenderError, sb.LayoutError
result = sb.audit(bp, "history/")  # -> sb.AuditResult: the CRM's stage history held against bp
```

Every exception the API raises for bad input is one of the library's own: ``BlueprintError``,
``WhatIfError``, ``ViewError``, ``RenderError`` (all ``ValueError`` except
``BlueprintError``), and ``LayoutError`` when Graphviz is missing or fails.

Heavy modules (pydantic, networkx) are imported on first use, so ``import salesblueprint``
and the command line start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesblueprint.diagnostics.findings import BlueprintError, Finding

__version__ = "0.1.0"

__all__ = [
    "AuditResult",
    "Blueprint",
    "BlueprintError",
    "Config",
    "Finding",
    "LayoutError",
    "RenderError",
    "ViewError",
    "WhatIfError",
    "__version__",
    "audit",
    "check",
    "check_file",
    "funnel",
    "load",
    "render",
    "render_pages",
]

if TYPE_CHECKING:
    from salesblueprint.api import check, check_file, load, render, render_pages
    from salesblueprint.audit import audit
    from salesblueprint.audit.result import AuditResult
    from salesblueprint.diagrams import LayoutError, RenderError, ViewError
    from salesblueprint.funnel_maths import WhatIfError, funnel
    from salesblueprint.model.blueprint import Blueprint
    from salesblueprint.rules.config import Config

_LAZY = {
    "load": "salesblueprint.api",
    "audit": "salesblueprint.audit",
    "AuditResult": "salesblueprint.audit.result",
    "check": "salesblueprint.api",
    "check_file": "salesblueprint.api",
    "funnel": "salesblueprint.funnel_maths",
    "render": "salesblueprint.api",
    "render_pages": "salesblueprint.api",
    "ViewError": "salesblueprint.diagrams",
    "RenderError": "salesblueprint.diagrams",
    "LayoutError": "salesblueprint.diagrams",
    "WhatIfError": "salesblueprint.funnel_maths",
    "Blueprint": "salesblueprint.model.blueprint",
    "Config": "salesblueprint.rules.config",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'salesblueprint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
