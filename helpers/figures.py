"""The lessons' figures, written as SVG by the kit: a similarity heatmap (04) and a retry timeline (06).

SVG is text, so a figure's stored output is compared like any other output, and drawing one imports nothing (a
plotting library took most of a second per notebook). Each figure says in words what it draws: that is its text
form, and its SVG title for a screen reader.
"""

import math
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from IPython.display import display

FONT = 12
CHAR = 0.6 * FONT  # the width of an average character of a sans-serif font, for laying out labels
# A diverging scale from -1 to 1: blue, white at 0, red (ColorBrewer's RdBu, reversed).
SCALE = ((-1.0, (5, 48, 97)), (-0.5, (67, 147, 195)), (0.0, (247, 247, 247)), (0.5, (214, 96, 77)),
         (1.0, (103, 0, 31)))
RED, GREEN, BLUE = "#d62728", "#2ca02c", "#1f77b4"
PAD = 0.2  # seconds of time line before 0, so that the first dot stands clear of the axis


@dataclass(frozen=True)
class Figure:
    """A figure a notebook shows: its SVG, and what it draws in words."""

    description: str
    svg: str

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        return self.description


def _color(value):
    """The scale's color for value (clipped to -1..1), as #rrggbb."""
    value = max(-1.0, min(1.0, value))
    (low, low_rgb), (high, high_rgb) = next(pair for pair in pairwise(SCALE) if value <= pair[1][0])
    share = (value - low) / (high - low)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low_rgb, high_rgb, strict=True))


def _text(x, y, text, **attributes):
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(text)}</text>'


def _svg(width, height, description, parts):
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family="sans-serif" font-size="{FONT}" role="img">',
        f"<title>{escape(description)}</title>",
        f'<rect width="{width:g}" height="{height:g}" fill="white"/>',
        *parts,
        "</svg>"])


def cosine_similarities(vectors):
    """Every pairwise cosine similarity of vectors, as rows."""
    norms = [math.sqrt(math.fsum(x * x for x in vector)) for vector in vectors]
    units = [[x / norm for x in vector] for vector, norm in zip(vectors, norms, strict=True)]
    return [[math.fsum(a * b for a, b in zip(u, v, strict=True)) for v in units] for u in units]


def heatmap(labels, matrix, title):
    """The Figure of a square matrix of values in -1..1, each cell colored and printed, rows and columns labelled."""
    size, cell = len(labels), 56
    left = 16 + CHAR * max(map(len, labels))
    top = 40
    slant = math.sin(math.radians(30))
    bottom = top + size * cell
    height = bottom + 24 + CHAR * max(map(len, labels)) * slant
    bar_x = left + size * cell + 24
    width = bar_x + 60
    parts = [_text((left + bar_x - 24) / 2, 24, title, text_anchor="middle", font_size=14)]
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            x, y = left + j * cell, top + i * cell
            parts.append(f'<rect x="{x:g}" y="{y:g}" width="{cell}" height="{cell}" fill="{_color(value)}"/>')
            parts.append(_text(x + cell / 2, y + cell / 2 + FONT / 3, f"{value:.2f}", text_anchor="middle",
                               fill="white" if abs(value) > 0.6 else "black"))
    for k, label in enumerate(labels):
        middle = top + k * cell + cell / 2
        parts.append(_text(left - 8, middle + FONT / 3, label, text_anchor="end"))
        x = left + k * cell + cell / 2
        parts.append(_text(x, bottom + 16, label, text_anchor="end", transform=f"rotate(-30 {x:g} {bottom + 16:g})"))
    stops = "".join(f'<stop offset="{(1 - value) / 2:g}" stop-color="{_color(value)}"/>' for value, _ in SCALE[::-1])
    parts.append(f'<defs><linearGradient id="scale" x1="0" y1="0" x2="0" y2="1">{stops}</linearGradient></defs>')
    parts.append(f'<rect x="{bar_x:g}" y="{top}" width="16" height="{size * cell}" fill="url(#scale)" '
                 'stroke="#999"/>')
    for value, _ in SCALE:
        y = top + (1 - value) / 2 * size * cell
        parts.append(_text(bar_x + 22, y + FONT / 3, f"{value:g}"))
    description = (f"{title}: a heatmap of {size} × {size} values from -1 (blue) through 0 (white) to 1 (red), rows "
                   f"and columns labelled {', '.join(labels)}")
    return Figure(description, _svg(width, height, description, parts))


def similarity_heatmap(labels, vectors, title="Cosine similarity"):
    """Show the cosine-similarity matrix of vectors as a labelled heatmap, and return it (rows of numbers)."""
    similarity = cosine_similarities(vectors)
    display(heatmap(labels, similarity, title))
    return similarity


def timeline(answers, title):
    """The Figure of answers, (seconds since the call started, status, Retry-After), in whole seconds."""
    seconds = [round(at) for at, _, _ in answers]
    end = max(seconds) * 1.3 + 1
    step = max(1, math.ceil(end / 10))
    left, right, top, row = 60, 620, 40, 48
    bottom = top + row * len(answers) + 16

    def x(second):
        return left + (right - left) * (second + PAD) / (end + PAD)

    def y(attempt):
        return bottom - 16 - row * (attempt - 0.5)

    parts = [_text((left + right) / 2, 24, title, text_anchor="middle", font_size=14)]
    words = []
    for attempt, (second, (_, status, retry_after)) in enumerate(zip(seconds, answers, strict=True), start=1):
        if attempt < len(answers):
            following = seconds[attempt]
            parts.append(f'<rect x="{x(second):g}" y="{top}" width="{x(following) - x(second):g}" '
                         f'height="{bottom - top}" fill="{BLUE}" fill-opacity="0.12"/>')
            parts.append(_text((x(second) + x(following)) / 2, y(attempt + 0.5) + FONT / 3,
                               f"waited {following - second} s", text_anchor="middle", fill=BLUE))
        label = f"{status}" + (f", Retry-After: {retry_after} s" if retry_after else "")
        parts.append(f'<circle cx="{x(second):g}" cy="{y(attempt):g}" r="6" '
                     f'fill="{RED if status >= 400 else GREEN}"/>')
        parts.append(_text(x(second) + 10, y(attempt) - 6, label))
        words.append(f"{label} at {second} s")
    parts.append(f'<path d="M{left} {top} V{bottom} H{right}" fill="none" stroke="black"/>')
    for tick in range(0, math.floor(end) + 1, step):
        parts.append(f'<path d="M{x(tick):g} {bottom} v5" stroke="black"/>')
        parts.append(_text(x(tick), bottom + 18, f"{tick}", text_anchor="middle"))
    for attempt in range(1, len(answers) + 1):
        parts.append(_text(left - 8, y(attempt) + FONT / 3, f"{attempt}", text_anchor="end"))
    parts.append(_text((left + right) / 2, bottom + 38, "seconds since the call started (whole seconds)",
                       text_anchor="middle"))
    parts.append(_text(18, (top + bottom) / 2, "attempt", text_anchor="middle",
                       transform=f"rotate(-90 18 {(top + bottom) / 2:g})"))
    description = f"{title}: " + "; ".join(words)
    return Figure(description, _svg(640, bottom + 50, description, parts))


def retry_timeline(answers, title="A retried 429, as the SDK handled it"):
    """Show answers, (seconds since the call started, status, Retry-After) as a cell measured them, on a time line in
    whole seconds (as steady as the recording, run after run): each answer a dot labelled with its status and
    Retry-After, each wait before a retry a shaded span."""
    display(timeline(answers, title))
