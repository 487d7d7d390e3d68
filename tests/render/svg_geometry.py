"""What a person sees in a Graphviz SVG, measured: size on a 16:9 slide, text sizes, and texts
that sit on other texts or on edges (from bounding boxes computed from the SVG geometry).

Text widths are estimated from Helvetica's character widths (Graphviz lays out with the same
estimates when no font file is found), so the boxes are close to, not exactly, what a browser
draws; overlaps are counted only when boxes intersect by more than a small tolerance.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

NS = "{http://www.w3.org/2000/svg}"
SLIDE = (1920.0, 1080.0)

# Helvetica advance widths (Adobe's AFM, per 1000 units of the font size)
_LOWER = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        [
            556,
            556,
            500,
            556,
            556,
            278,
            556,
            556,
            222,
            222,
            500,
            222,
            833,
            556,
            556,
            556,
            556,
            333,
            500,
            278,
            556,
            500,
            722,
            500,
            500,
            500,
        ],
        strict=True,
    )
)
_UPPER = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            667,
            667,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            500,
            667,
            556,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
        ],
        strict=True,
    )
)
_MARKS = {
    " ": 278,
    ".": 278,
    ",": 278,
    ":": 278,
    ";": 278,
    "'": 191,
    "!": 278,
    "|": 260,
    "(": 333,
    ")": 333,
    "[": 278,
    "]": 278,
    "-": 333,
    "_": 556,
    "/": 278,
    "·": 278,
    "•": 350,
    "%": 889,
    "&": 667,
    "=": 584,
    "+": 584,
    "~": 584,
    "@": 1015,
    "?": 556,
    "—": 1000,
    "→": 1000,
    "←": 1000,
    "…": 1000,
}


def char_width(ch: str) -> float:
    """Helvetica's advance width of ``ch`` in units of the font size (1000 for glyphs it does
    not have, as a fallback font draws them wide)."""
    w = _LOWER.get(ch) or _UPPER.get(ch) or _MARKS.get(ch)
    if w is None:
        w = 556 if ch.isdigit() else (556 if ch.isalpha() else 1000)
    return w / 1000


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, o: Box) -> float:
        """The smaller side of the intersection (0 when apart)."""
        w = min(self.x1, o.x1) - max(self.x0, o.x0)
        h = min(self.y1, o.y1) - max(self.y0, o.y0)
        return max(0.0, min(w, h))

    def contains(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 + pad < x < self.x1 - pad and self.y0 + pad < y < self.y1 - pad


@dataclass(frozen=True)
class Text:
    text: str
    size: float
    box: Box


@dataclass
class Geometry:
    width: float
    height: float
    texts: list[Text] = field(default_factory=list)
    edge_points: list[tuple[float, float]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.width / self.height

    @property
    def slide_scale(self) -> float:
        """Pixels per SVG unit when the picture is fitted onto a 1920×1080 slide."""
        return min(SLIDE[0] / self.width, SLIDE[1] / self.height)

    @property
    def min_font_px(self) -> float:
        sizes = [t.size for t in self.texts if t.text.strip()]
        return min(sizes) * self.slide_scale if sizes else 0.0

    def text_overlaps(self, tolerance: float = 1.0) -> list[tuple[str, str]]:
        out = []
        ts = [t for t in self.texts if t.text.strip()]
        for i, a in enumerate(ts):
            for b in ts[i + 1 :]:
                if a.box.overlap(b.box) > tolerance:
                    out.append((a.text, b.text))
        return out

    def edge_overlaps(self, pad: float = 0.0) -> list[str]:
        """Texts that an edge runs through."""
        out = []
        for t in self.texts:
            if t.text.strip() and any(t.box.contains(x, y, pad) for x, y in self.edge_points):
                out.append(t.text)
        return out


def _numbers(s: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", s)]


def _bezier(points: list[tuple[float, float]], spacing: float = 1.0) -> list[tuple[float, float]]:
    """Points along a cubic Bézier path, about ``spacing`` units apart."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        hull = sum(math.dist(a, b) for a, b in ((p0, p1), (p1, p2), (p2, p3)))
        steps = max(4, int(hull / spacing))
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return out


def _text_box(el: ET.Element, content: str) -> Text:
    size = float(el.get("font-size", "14"))
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    bold = el.get("font-weight") == "bold" or any(c.get("font-weight") == "bold" for c in el.iter())
    w = sum(char_width(c) for c in content) * size * (1.05 if bold else 1.0)
    anchor = el.get("text-anchor", "start")
    x0 = {"start": x, "middle": x - w / 2, "end": x - w}.get(anchor, x)
    return Text(content, size, Box(x0, y - 0.72 * size, x0 + w, y + 0.2 * size))


def measure(svg: str) -> Geometry:
    root = ET.fromstring(svg.encode("utf-8"))
    vb = _numbers(root.get("viewBox", "0 0 0 0"))
    geo = Geometry(vb[2], vb[3])
    for el in root.iter(f"{NS}text"):
        content = "".join(el.itertext())
        geo.texts.append(_text_box(el, content))
    for g in root.iter(f"{NS}g"):
        if g.get("class") != "edge":
            continue
        for path in g.iter(f"{NS}path"):
            nums = _numbers(path.get("d", ""))
            pts = list(zip(nums[0::2], nums[1::2], strict=False))
            if len(pts) >= 4:
                geo.edge_points += _bezier(pts)
    return geo
