"""Reading JSON sources: malformed input gives an :class:`InteropError` with file and line."""

from __future__ import annotations

import json
import math
import os
from typing import Any

from salesblueprint.i18n import _
from salesblueprint.interop.base import InteropError

MAX_BYTES = 50 * 1024 * 1024


def read_json_file(path: str | os.PathLike[str]) -> Any:
    file = os.fspath(path)
    from salesblueprint.loading.files import open_regular

    try:
        with open_regular(file) as fh:  # a FIFO is an error, not a hang
            raw = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InteropError(_("is a directory; give the JSON file"), file) from None
    except OSError as e:
        raise InteropError(_("cannot read: {reason}", reason=e.strerror or str(e)), file) from None
    if len(raw) > MAX_BYTES:
        raise InteropError(_("larger than {n} MB", n=MAX_BYTES // (1024 * 1024)), file)
    return parse_json(raw, file)


def parse_json(raw: bytes | str, file: str) -> Any:
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise InteropError(_("not UTF-8 (byte {n})", n=e.start + 1), file, line) from None
    else:
        text = raw
    if not text.strip():
        raise InteropError(_("empty file; expected JSON"), file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InteropError(
            _("malformed JSON: {reason}", reason=e.msg), file, e.lineno, e.colno
        ) from None
    except RecursionError:
        raise InteropError(_("malformed JSON: nested too deeply"), file) from None
    except ValueError:  # an integer of more than 4300 digits (int() refuses to convert it)
        raise InteropError(_("malformed JSON: a number too long to read"), file) from None


def expect(cond: bool, what: str, file: str) -> None:
    if not cond:
        raise InteropError(what, file)


def as_dict(value: Any, where: str, file: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InteropError(
            _("{where}: expected an object, got {what}", where=where, what=type_name(value)), file
        )
    return value


def as_list(value: Any, where: str, file: str) -> list[Any]:
    if not isinstance(value, list):
        raise InteropError(
            _("{where}: expected a list, got {what}", where=where, what=type_name(value)), file
        )
    return value


def as_text(value: Any, where: str, file: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise InteropError(
            _("{where}: expected text, got {what}", where=where, what=type_name(value)), file
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise InteropError(
            _("{where}: expected text, got {what}", where=where, what=type_name(value)), file
        )
    if isinstance(value, int) and value.bit_length() > 256:  # str() refuses past 4300 digits
        raise InteropError(
            _("{where}: expected text, got {what}", where=where, what=type_name(value)), file
        )
    return str(value)


def as_number(value: Any, where: str, file: str) -> float | None:
    """A number, or a string holding one (HubSpot's metadata); ``None`` and ``""`` give None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InteropError(
            _("{where}: expected a number, got {what}", where=where, what=_("a boolean")), file
        )
    if isinstance(value, int | float | str):
        # JSON allows NaN, Infinity, 1e999 (infinity) and integers of any length
        try:
            n = float(value.strip() if isinstance(value, str) else value)
        except (ValueError, OverflowError):
            n = math.nan
        if not math.isfinite(n):
            shown = f"'{value}'" if isinstance(value, str) else type_name(value)
            raise InteropError(
                _("{where}: expected a number, got {what}", where=where, what=shown), file
            )
        return n
    raise InteropError(
        _("{where}: expected a number, got {what}", where=where, what=type_name(value)), file
    )


def as_bool(value: Any, where: str, file: str, default: bool = False) -> bool:
    """A boolean, or HubSpot's ``"true"``/``"false"`` strings."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise InteropError(
        _("{where}: expected true or false, got {what}", where=where, what=repr(value)), file
    )


def type_name(value: Any) -> str:
    """What ``value`` is, in words (translatable, but ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        return _("text '{text}'", text=value[:40])
    if isinstance(value, int) and value.bit_length() > 64:
        digits = math.floor(math.log10(abs(value))) + 1  # str() refuses past 4300 digits
        digits -= 10 ** (digits - 1) > abs(value)  # log10 rounds 99...9 up
        return _("an integer of {n} digits", n=digits)
    if isinstance(value, int | float):
        return _("the number {value}", value=repr(value))
    return _("a {type}", type=type(value).__name__)
