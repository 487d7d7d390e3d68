"""Field types of the format.

The YAML reader hands every scalar over as the text the user wrote. Text fields take it as it
is; numbers, booleans and durations are parsed here by YAML 1.2 core rules, so ``yes``, ``on``
or ``0o12`` never silently become something else: they are reported.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from salesblueprint.i18n import _

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_ID_RE = re.compile(ID_PATTERN)
_REF_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}


def _suggest_id(value: str) -> str:
    s = re.sub(r"[^a-z0-9_]+", "_", value.strip().lower()).strip("_")
    if not s or not s[0].isalpha():
        s = "x_" + s if s else "x"
    return s


def _text(v: Any) -> Any:
    if isinstance(v, str):
        return v
    if isinstance(v, bool | int | float) and not isinstance(v, bool):
        return str(v)  # from the Python API; YAML input is text already
    if isinstance(v, dict):
        raise ValueError(_("expected text, got a mapping"))
    if isinstance(v, list):
        raise ValueError(_("expected text, got a list"))
    if v is None:
        raise ValueError(_("expected text, got nothing (an empty value)"))
    raise ValueError(_("expected text, got {type}", type=type(v).__name__))


def _id(v: Any) -> Any:
    v = _text(v)
    if not _ID_RE.match(v):
        raise ValueError(
            _(
                "'{value}' is not a valid id: use lower-case letters, digits and '_', "
                "starting with a letter (for example '{example}')",
                value=shown(v),
                example=_suggest_id(v),
            )
        )
    return v


def _ref(v: Any) -> Any:
    v = _text(v)
    if not _REF_RE.match(v):
        raise ValueError(
            _(
                "'{value}' is not a valid reference: write an id such as 'sql' or 'pipeline.stage'",
                value=shown(v),
            )
        )
    return v


# No quantity in a sales process comes near this (a revenue target of a thousand trillion), and
# below it every number converts to a float and back without overflow.
MAX_NUMBER = 10**15
_MAX_DIGITS = len(str(MAX_NUMBER))


def shown(v: Any, limit: int = 40) -> str:
    """``v`` as text for a message, cut to ``limit`` characters (a value can be megabytes)."""
    text = str(v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in_range(n: int | float, written: Any) -> int | float:
    if isinstance(n, float) and not math.isfinite(n):
        raise ValueError(
            _(
                "'{value}' is not a finite number; write a number such as 12000",
                value=shown(written),
            )
        )
    if abs(n) > MAX_NUMBER:
        raise ValueError(
            _(
                "'{value}' is out of range; a number here is at most {max:,}",
                value=shown(written),
                max=MAX_NUMBER,
            )
        )
    return n


def _number(v: Any) -> Any:
    if isinstance(v, bool):
        raise ValueError(_("expected a number, got a boolean"))
    if isinstance(v, int | float):
        return _in_range(v, v)
    if isinstance(v, str):
        s = v.strip()
        if _INT_RE.match(s):
            if len(s.lstrip("+-").lstrip("0")) > _MAX_DIGITS:  # before int(): 5,000 digits raise
                return _in_range(math.inf, v)
            return _in_range(int(s), v)
        if _FLOAT_RE.match(s):
            return _in_range(float(s), v)
        if s.endswith("%") and _FLOAT_RE.match(s[:-1].strip()):
            raise ValueError(
                _(
                    "'{value}' is a percentage; write it as a fraction, e.g. 0.2 for 20%",
                    value=shown(v),
                )
            )
        raise ValueError(_("expected a number, got '{value}'", value=shown(v)))
    return _text(v)  # raises with the kind of value


def _integer(v: Any) -> Any:
    n = _number(v)
    if isinstance(n, float):
        if n.is_integer():
            return int(n)
        raise ValueError(_("expected a whole number, got '{value}'", value=shown(v)))
    return n


def _bool(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        if v in _TRUE:
            return True
        if v in _FALSE:
            return False
        if v.lower() in _YAML11_BOOLS:
            raise ValueError(
                _("'{value}' is ambiguous in YAML; write true or false", value=shown(v))
            )
        raise ValueError(_("expected true or false, got '{value}'", value=shown(v)))
    raise ValueError(_("expected true or false, got {type}", type=type(v).__name__))


_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$")
_ISO_RE = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)
_UNIT_SECONDS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
_ISO_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
MAX_DURATION_SECONDS = 520 * 604800  # ten years: no follow-up time is longer


def duration_seconds(text: str) -> int:
    """Seconds in a duration such as ``30m``, ``24h``, ``2d``, ``1w`` or ISO 8601 ``PT24H``.

    Raises ``ValueError`` for text that is not a duration, or one longer than ten years.
    """
    m = _DURATION_RE.match(text)
    iso = _ISO_RE.match(text.strip().upper())
    if m:
        # a huge number of days overflows a float to infinity: compare before rounding
        seconds = float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    elif iso and text.strip().upper() not in ("P", "PT") and any(iso.groupdict().values()):
        parts = iso.groupdict()
        # more digits than ten years in seconds has is too long; int() of 5,000 digits raises
        too_many = any(x and len(x.lstrip("0")) > 10 for x in parts.values())
        seconds = (
            math.inf if too_many else sum(int(x) * _ISO_SECONDS[k] for k, x in parts.items() if x)
        )
    else:
        raise ValueError(
            _(
                "'{value}' is not a duration; write 30m, 24h, 2d, 1w or ISO 8601 like PT24H",
                value=shown(text),
            )
        )
    if not seconds <= MAX_DURATION_SECONDS:
        raise ValueError(
            _(
                "'{value}' is too long; a duration here is at most 520w (ten years)",
                value=shown(text),
            )
        )
    return round(seconds)


def _duration(v: Any) -> Any:
    v = _text(v)
    if duration_seconds(v) <= 0:
        raise ValueError(
            _("'{value}' is zero; a duration must be longer than that", value=shown(v))
        )
    return v


Text = Annotated[str, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_id)]
Ref = Annotated[str, BeforeValidator(_ref)]
Number = Annotated[float, BeforeValidator(_number)]
Fraction = Annotated[float, BeforeValidator(_number), Field(ge=0, le=1)]
PositiveInt = Annotated[int, BeforeValidator(_integer), Field(gt=0)]
Integer = Annotated[int, BeforeValidator(_integer)]
Bool = Annotated[bool, BeforeValidator(_bool)]
Duration = Annotated[str, AfterValidator(_duration), BeforeValidator(_text)]
