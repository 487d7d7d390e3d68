"""Strict, safe YAML reading with source positions.

The file is read as a stream of parser *events* (libyaml's C parser where present), and
composed here, iteratively, into plain dicts, lists and strings. Nothing is ever constructed
from a tag, so ``!!python/...`` cannot run code; nesting, alias expansion and file size are
bounded before they can exhaust the machine; and every scalar stays the text the user wrote
(``No`` stays ``"No"``, ``012`` stays ``"012"``): typing happens later, in the schema, field by
field. Only a plain ``~``/``null``/empty scalar becomes ``None``.

Every mapping is a :class:`PosDict` and every list a :class:`PosList`; both remember where
they and their children start, so findings can point at a line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from salesblueprint.diagnostics import load_codes as codes
from salesblueprint.diagnostics.codes import Code
from salesblueprint.diagnostics.findings import (
    MAX_FINDINGS_PER_CODE,
    CappedFindings,
    Finding,
    Path,
    make_finding,
)
from salesblueprint.i18n import N_, Translator, _, translator

Pos = tuple[int, int]  # 1-based line, column

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = {None, "!", _CORE + "str", _CORE + "int", _CORE + "float", _CORE + "bool"}
NULL_TAG = _CORE + "null"
MAP_TAGS = {None, "!", _CORE + "map"}
SEQ_TAGS = {None, "!", _CORE + "seq"}
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from exhausting the machine."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_alias_nodes: int = 10_000
    max_nodes: int = 1_000_000
    max_findings_per_code: int = MAX_FINDINGS_PER_CODE


DEFAULT_LIMITS = Limits()


class PosDict(dict[str, Any]):
    """A mapping from the file, with the position of itself, each key and each value."""

    __slots__ = ("kpos", "pos", "vpos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.kpos: dict[str, Pos] = {}
        self.vpos: dict[str, Pos] = {}


class PosList(list[Any]):
    """A list from the file, with the position of itself and each item."""

    __slots__ = ("ipos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.ipos: list[Pos] = []


def locate(root: Any, path: Path, *, key: bool = False) -> Pos | None:
    """Line and column of the node at ``path`` (of its key, with ``key=True``).

    Walks as far as the path exists and returns the deepest position found, so a finding
    about a missing key points at the mapping that lacks it.
    """
    if not isinstance(root, PosDict | PosList):
        return None
    node: Any = root
    best: Pos | None = root.pos
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, PosDict) and isinstance(part, str) and part in node:
            best = node.kpos[part] if (key and last) else node.vpos[part]
            node = node[part]
        elif isinstance(node, PosList) and isinstance(part, int) and 0 <= part < len(node):
            best = node.ipos[part]
            node = node[part]
        else:
            break
    return best


def _mark(m: Any) -> Pos:
    return (m.line + 1, m.column + 1)


_INDENT_FIX = N_(
    "likely wrong indentation: line this key up with the keys around it (in a list item, under "
    "the first key after '- ')"
)


def syntax_fix(problem: str, text: str, line: int | None, column: int) -> str | None:
    """What most likely causes a YAML syntax error, and what to do (0-based line and column).

    PyYAML's messages name the parser's state ("mapping values are not allowed in this
    context"); the usual causes are a wrong indentation, a missing space after a key's colon
    and a value with ``: `` or a leading special character that needs quotes.
    """
    lines = text.splitlines()
    src = lines[line] if line is not None and 0 <= line < len(lines) else ""
    if "mapping values are not allowed" in problem:
        first = src.find(": ")
        if 0 <= first < column:  # a second ': ' on the line, inside the value
            key = src[:first].strip().removeprefix("- ").strip()
            value = src[first + 2 :].strip()
            if key and value and '"' not in value:
                return _(
                    'a value that contains ": " needs quotes: {key}: "{value}"',
                    key=key,
                    value=value,
                )
            return _('a value that contains ": " needs quotes')
        return _(
            "likely wrong indentation: this line is indented further than the keys around it, "
            "or the line above misses its ':'"
        )
    if "could not find expected ':'" in problem:
        prev = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
        for candidate in (prev, src):
            body = candidate.strip().lstrip("- ")
            head, colon, rest = body.partition(":")
            if colon and rest and not rest.startswith((" ", "/")) and head.isidentifier():
                return _(
                    "put a space after the colon: '{head}: {rest}'", head=head, rest=rest.strip()
                )
        if line is not None and prev.strip() and ":" not in prev:
            shown = prev.strip()[:40]
            return _(
                "line {line} ('{shown}') needs ': ' (a colon and a space) after its key",
                line=line,
                shown=shown,
            )
        return _("a key needs ': ' (a colon and a space) after it")
    if "expected '-' indicator" in problem or "expected key" in problem:
        return _(_INDENT_FIX)
    if "cannot start any token" in problem:
        return _("quote a value that starts with a special character such as ` @ % or |")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return _("close the bracket, or quote a text value that starts with '[' or '{{'")
    return None


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_pos", "size", "skip_value")

    def __init__(self, container: PosDict | PosList, anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_pos: Pos = (0, 0)
        self.skip_value = False
        self.size = 1


_NO_KEY = object()


class _Abort(Exception):
    pass


class YamlReader:
    """Turns the bytes of one file into data with positions, and findings for what is wrong."""

    def __init__(
        self, file: str, limits: Limits = DEFAULT_LIMITS, tr: Translator | None = None
    ) -> None:
        self.file = file
        self.limits = limits
        self.tr = tr or translator()
        self._found = CappedFindings(limits.max_findings_per_code, self.tr)

    # -- findings -----------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        """What was found, at most ``max_findings_per_code`` per rule, then "… and N more"."""
        return self._found.close()

    def report(
        self, r: Code, pos: Pos | None, message: str, path: Path = (), fix: str | None = None
    ) -> None:
        self._found.add(
            r.code,
            self.file,
            lambda: make_finding(
                r, message, file=self.file, pos=pos or (1, 1), path=path, fix=fix, tr=self.tr
            ),
        )

    # -- entry point --------------------------------------------------------------------
    def read(self, data: bytes) -> PosDict | None:
        """The top-level mapping, or ``None`` when the file cannot be read (see findings)."""
        if not self.check_size(len(data)):
            return None
        text = self._decode(data)
        if text is None:
            return None
        try:
            root = self._compose(text)
        except _Abort:
            return None
        except yaml.MarkedYAMLError as e:
            if self._report_deep_flow(text):
                return None
            tabs = _tab_indents(text)
            if e.problem_mark and e.problem_mark.line + 1 in tabs:
                # the parser tripped over a tab: report every tab-indented line at once
                for line, col in sorted(tabs.items()):
                    self.report(
                        codes.TAB_INDENT,
                        (line, col),
                        _("tab used for indentation; YAML allows only spaces here"),
                    )
                return None
            mark = e.problem_mark or e.context_mark
            if e.context_mark and e.problem and "end of stream" in e.problem:
                mark = e.context_mark  # an unclosed quote or bracket: point at where it opens
            problem = e.problem or "invalid YAML"
            if "nesting depth" in problem:  # the parser's own guard, below ours
                self.report(
                    codes.TOO_DEEP,
                    _mark(mark) if mark else None,
                    _(
                        "nesting too deep for the YAML parser ({problem}); stopped reading here",
                        problem=problem,
                    ),
                )
                return None
            fix = syntax_fix(problem, text, mark.line if mark else None, mark.column if mark else 0)
            if e.context:
                problem = f"{problem} ({e.context})"
            self.report(codes.YAML_SYNTAX, _mark(mark) if mark else None, problem, fix=fix)
            return None
        except yaml.reader.ReaderError as e:  # a character YAML does not allow
            pos = e.position if isinstance(e.position, int) else 0
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
            char = e.character if isinstance(e.character, str) else chr(e.character)
            self.report(
                codes.YAML_SYNTAX,
                (line, col),
                _(
                    "character {char} is not allowed in YAML text; remove it",
                    char=f"U+{ord(char):04X}",
                ),
            )
            return None
        except yaml.YAMLError as e:  # pragma: no cover - libyaml always gives marks
            self.report(codes.YAML_SYNTAX, None, str(e))
            return None
        if root is _EMPTY or root is None:
            self.report(
                codes.NOT_A_BLUEPRINT,
                (1, 1),
                _("file is empty: a blueprint starts with 'salesblueprint: 1'"),
            )
            return None
        if not isinstance(root, PosDict):
            kind = _("a list") if isinstance(root, PosList) else _("a single value")
            self.report(
                codes.NOT_A_BLUEPRINT,
                (1, 1),
                _(
                    "the top level is {kind}; a blueprint is a mapping of keys such as "
                    "'salesblueprint: 1', 'name:', 'lifecycle:'",
                    kind=kind,
                ),
            )
            return None
        return root

    def _report_deep_flow(self, text: str) -> bool:
        """Report deep flow nesting at the bracket over our limit, whatever the parser allows.

        A parser looks ahead over a run of ``[`` and ``{`` before it hands out the first event,
        so its own depth guard (PyYAML 6.0.4 and newer) can fire before ours sees the level
        that is too deep. Composing the text up to the first bracket whose flow depth alone is
        over the limit, with its brackets closed, lets our guard find that level at its place.
        """
        cut = _deep_flow_prefix(text, self.limits.max_depth)
        if cut is None:
            return False
        found = self._found
        self._found = CappedFindings(self.limits.max_findings_per_code, self.tr)  # a trial run
        aborted = False
        try:
            self._compose(cut)
        except _Abort:
            aborted = True
        except yaml.YAMLError:
            pass
        trial, self._found = self._found, found
        if aborted and trial.items:
            found.extend(trial.close())
            return True
        return False

    def check_size(self, size: int) -> bool:
        """False (with a finding) when a file of ``size`` bytes is over the limit."""
        if size <= self.limits.max_bytes:
            return True
        mib = self.limits.max_bytes / (1024 * 1024)
        self.report(
            codes.FILE_TOO_LARGE,
            (1, 1),
            _(
                "file is {size} bytes, over the limit of {mib} MiB; "
                "a blueprint this large is almost certainly not one",
                size=self.tr.number(size),
                mib=f"{mib:g}",
            ),
        )
        return False

    def _decode(self, data: bytes) -> str | None:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            line_start = data.rfind(b"\n", 0, e.start) + 1
            # columns count characters, as in every other finding
            col = len(data[line_start : e.start].decode("utf-8", errors="replace")) + 1
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                hint = _("it looks like UTF-16")
            else:
                hint = _(
                    "byte {byte} cannot start or continue a UTF-8 character",
                    byte=f"0x{data[e.start]:02x}",
                )
            self.report(
                codes.INVALID_ENCODING,
                (line, col),
                _("file is not valid UTF-8 ({hint}); save it as UTF-8", hint=hint),
            )
            return None

    # -- composing ----------------------------------------------------------------------
    def _compose(self, text: str) -> Any:
        limits = self.limits
        stack: list[_Frame] = []
        anchors: dict[str, tuple[Any, int]] = {}
        alias_nodes = 0
        nodes = 0
        documents = 0
        root: Any = _EMPTY

        def add(value: Any, pos: Pos, size: int) -> None:
            nonlocal root
            if not stack:
                root = value
                return
            top = stack[-1]
            top.size += size
            c = top.container
            if isinstance(c, PosList):
                c.append(value)
                c.ipos.append(pos)
                return
            if top.key is _NO_KEY:  # this node is a key
                top.key_pos = pos
                if isinstance(value, PosDict | PosList):
                    self.report(
                        codes.UNSUPPORTED_YAML,
                        pos,
                        _("a list or mapping cannot be a key; keys are plain text"),
                    )
                    top.key, top.skip_value = None, True
                elif value is None:
                    self.report(codes.UNSUPPORTED_YAML, pos, _("empty key; every key needs a name"))
                    top.key, top.skip_value = None, True
                elif value == "<<":
                    self.report(
                        codes.UNSUPPORTED_YAML,
                        pos,
                        _("merge keys ('<<') are not supported; write the keys out"),
                    )
                    top.key, top.skip_value = None, True
                elif value in c:
                    first = c.kpos[value]
                    self.report(
                        codes.DUPLICATE_KEY,
                        pos,
                        _(
                            "duplicate key '{key}' (first at line {line}); "
                            "the second value would silently replace the first",
                            key=value,
                            line=first[0],
                        ),
                    )
                    top.key, top.skip_value = value, True
                else:
                    top.key, top.skip_value = value, False
                return
            if not top.skip_value:
                c[top.key] = value
                c.kpos[top.key] = top.key_pos
                c.vpos[top.key] = pos
            top.key = _NO_KEY
            top.skip_value = False

        def check_tag(tag: str | None, allowed: set[str | None], pos: Pos) -> None:
            if tag not in allowed:
                shown = tag.replace(_CORE, "!!") if tag else tag
                self.report(
                    codes.FORBIDDEN_TAG,
                    pos,
                    _(
                        "tag '{tag}' is not allowed; blueprints use plain YAML values only",
                        tag=shown,
                    ),
                )

        scalar_event = yaml.ScalarEvent
        events: Any = yaml.parse(text, Loader=_Parser)
        ev: Any

        def count_node(pos: Pos) -> None:
            nonlocal nodes
            nodes += 1
            if nodes > limits.max_nodes:
                # memory stays bounded, and so do the schema's findings: stop before them
                self.report(
                    codes.FILE_TOO_LARGE,
                    pos,
                    _(
                        "more than {n} keys, values and list items in this file; stopped "
                        "reading here (a blueprint this large is almost certainly not one)",
                        n=self.tr.number(limits.max_nodes),
                    ),
                )
                raise _Abort

        for ev in events:
            cls = ev.__class__
            if cls is scalar_event:
                pos = _mark(ev.start_mark)
                count_node(pos)
                tag = ev.tag
                value: Any
                if (tag is None and ev.implicit[0] and _NULL_RE.match(ev.value)) or tag == NULL_TAG:
                    value = None
                else:
                    check_tag(tag, SCALAR_TAGS, pos)
                    value = ev.value
                if ev.anchor:
                    anchors[ev.anchor] = (value, 1)
                add(value, pos, 1)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                pos = _mark(ev.start_mark)
                count_node(pos)
                if len(stack) >= limits.max_depth:
                    self.report(
                        codes.TOO_DEEP,
                        pos,
                        _(
                            "nesting deeper than {n} levels; stopped reading here",
                            n=limits.max_depth,
                        ),
                    )
                    raise _Abort
                is_map = cls is yaml.MappingStartEvent
                check_tag(ev.tag, MAP_TAGS if is_map else SEQ_TAGS, pos)
                container: PosDict | PosList = PosDict(pos) if is_map else PosList(pos)
                stack.append(_Frame(container, ev.anchor))
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
                add(frame.container, frame.container.pos, frame.size)
            elif cls is yaml.AliasEvent:
                pos = _mark(ev.start_mark)
                if ev.anchor not in anchors:
                    self.report(
                        codes.ALIAS_LIMIT,
                        pos,
                        _("alias '*{anchor}' names no anchor defined before it", anchor=ev.anchor),
                    )
                    add(None, pos, 1)
                    continue
                value, size = anchors[ev.anchor]
                alias_nodes += size
                if alias_nodes > limits.max_alias_nodes:
                    self.report(
                        codes.ALIAS_LIMIT,
                        pos,
                        _(
                            "aliases expand to more than {n} nodes (an alias bomb?); "
                            "stopped reading here",
                            n=self.tr.number(limits.max_alias_nodes),
                        ),
                    )
                    raise _Abort
                add(value, pos, size)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.report(
                        codes.NOT_A_BLUEPRINT,
                        _mark(ev.start_mark),
                        _("more than one YAML document ('---'); put one blueprint in each file"),
                    )
                    raise _Abort
        return root


_EMPTY: Any = object()


_FLOW_RE = re.compile(r"""[\[\]{}"'#\n]""")
_CLOSERS = {"[": "]", "{": "}"}


def _deep_flow_prefix(text: str, max_depth: int) -> str | None:
    """The text up to the first bracket nested deeper than ``max_depth`` flow levels, with
    every open bracket closed again; ``None`` when no bracket is that deep.

    A rough scan (quotes and comments skipped), consulted only when the parser has failed.
    """
    open_: list[str] = []
    i = 0
    n = len(text)
    while True:
        m = _FLOW_RE.search(text, i)
        if m is None:
            return None
        ch, i = m.group(), m.end()
        if ch in _CLOSERS:
            open_.append(ch)
            if len(open_) > max_depth:
                return text[:i] + "".join(_CLOSERS[c] for c in reversed(open_)) + "\n"
        elif ch in "]}":
            if open_:
                open_.pop()
        elif ch == "\n":
            continue
        elif ch == "#":
            if m.start() == 0 or text[m.start() - 1] in " \t\n":
                nl = text.find("\n", i)
                i = n if nl < 0 else nl
        elif m.start() == 0 or text[m.start() - 1] in " \t\n[{,:":
            # a quoted scalar: skip to its closing quote ('' and \" are escapes)
            while i < n:
                j = text.find(ch, i)
                if j < 0:
                    return None
                if ch == '"' and text[j - 1] == "\\":
                    i = j + 1
                elif ch == "'" and text.startswith("''", j):
                    i = j + 2
                else:
                    i = j + 1
                    break


def _tab_indents(text: str) -> dict[int, int]:
    """Line -> column of the first tab in each line's indentation.

    Only consulted when the parser fails: a tab inside a block scalar's text is valid YAML.
    """
    out: dict[int, int] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.startswith((" ", "\t")):
            continue
        stripped = line.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        col = line[: len(line) - len(stripped)].find("\t")
        if col >= 0:
            out[lineno] = col + 1
    return out


# ``language: nl`` as a top-level key near the top of the file (a blueprint's header), read
# before the file is parsed, so that the reader's own findings speak the file's language
_LANGUAGE_LINE = re.compile(rb"""^language:[ \t]*(["']?)([a-z]{2})\1[ \t]*(?:#[^\n]*)?\r?$""", re.M)
_SNIFF_BYTES = 4096


def sniff_language(data: bytes) -> str | None:
    """The language a file declares, from its raw bytes, before it is parsed.

    Only a top-level ``language:`` line (at column 0, the value a plain or quoted two-letter
    code, a comment allowed after it) within the first 4 KiB counts; the first such line
    wins. A file that does not parse may say something else further down: its findings are
    then in the language of this line, which is the best there is. ``None`` when there is no
    such line or the language has no catalog (English is used).
    """
    from salesblueprint.i18n import LANGUAGES

    m = _LANGUAGE_LINE.search(data[:_SNIFF_BYTES])
    if m is None:
        return None
    lang = m.group(2).decode("ascii")
    return lang if lang in LANGUAGES else None


def read_yaml(
    data: bytes, file: str = "", limits: Limits = DEFAULT_LIMITS, lang: str | None = None
) -> tuple[PosDict | None, Sequence[Finding]]:
    """Read one blueprint file's bytes: the top-level mapping (or ``None``) and findings.

    The findings are in ``lang``, or else in the language the file's ``language:`` line
    names (:func:`sniff_language`), or else in English.
    """
    reader = YamlReader(file, limits, translator(lang or sniff_language(data)))
    root = reader.read(data)
    return root, reader.findings
