"""Registries filled by modules: the views (:mod:`.views`) and the formats (:mod:`.renderers`).

Each module of such a package registers itself with a decorator when it is imported;
:func:`import_modules` imports them all, once, in name order.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil


@functools.cache
def import_modules(package: str) -> None:
    """Import every module of ``package`` (once), so that their decorators have run."""
    path = importlib.import_module(package).__path__
    for name in sorted(m.name for m in pkgutil.iter_modules(path)):
        importlib.import_module(f"{package}.{name}")
