"""Charts drawn on the server as SVG (docs/decisions/0012-server-rendered-charts.md).

Pure Python: the geometry of a horizontal bar chart, rendered by the template
insights/_chart.html with presentation attributes only (no script, no inline
style), so it works without JavaScript and under the strict CSP. Every chart
carries the table it was drawn from, for screen readers and for the CSV download.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH = 520
LABEL_WIDTH = 150
VALUE_WIDTH = 60
BAR = 14
GAP = 8
TOP = 28
COLOURS = ("#1f5fa8", "#a14a00")  # 7:1 and 6:1 against white
MAX_LABEL = 22


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value_x: float
    value_y: float
    text: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    short_label: str
    label_y: float
    values: list[float | None]
    texts: list[str]
    bars: list[Bar]


@dataclass(frozen=True)
class Legend:
    name: str
    colour: str
    x: float


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    series: list[str]
    rows: list[ChartRow]
    legend: list[Legend]
    width: int
    height: int
    ticks: list[tuple[float, str]]  # (x, label) of the scale's grid lines
    axis_bottom: float

    @property
    def is_empty(self) -> bool:
        return not any(v for row in self.rows for v in row.values)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude: float = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def bar_chart(
    *,
    slug: str,
    title: str,
    series: Sequence[str],
    rows: Sequence[tuple[str, Sequence[float | None]]],
    fmt: Callable[[float | None], str],
    maximum: float | None = None,
) -> Chart:
    """Horizontal bars: one group per row, one bar per series, on one linear scale."""
    top = max((v or 0 for _label, values in rows for v in values), default=0)
    scale_max = maximum if maximum is not None else _nice_max(top)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    group_height = len(series) * BAR + GAP
    chart_rows = []
    for index, (label, values) in enumerate(rows):
        y0 = TOP + index * group_height
        bars = []
        for s, value in enumerate(values):
            width = 0.0 if value is None else plot * min(value, scale_max) / scale_max
            y = y0 + s * BAR
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=round(width, 1),
                    height=BAR - 2,
                    colour=COLOURS[s % len(COLOURS)],
                    value_x=round(LABEL_WIDTH + width + 4, 1),
                    value_y=y + BAR - 4,
                    text=fmt(value),
                )
            )
        short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        chart_rows.append(
            ChartRow(
                label=label,
                short_label=short,
                label_y=y0 + len(series) * BAR / 2 + 3,
                values=list(values),
                texts=[fmt(v) for v in values],
                bars=bars,
            )
        )
    bottom = TOP + len(rows) * group_height
    ticks = [(round(LABEL_WIDTH + plot * i / 4, 1), fmt(scale_max * i / 4)) for i in range(5)]
    legend = [
        Legend(name, COLOURS[i % len(COLOURS)], LABEL_WIDTH + i * 150)
        for i, name in enumerate(series)
    ]
    return Chart(
        slug=slug,
        title=title,
        series=list(series),
        rows=chart_rows,
        legend=legend,
        width=WIDTH,
        height=int(bottom + 22),
        ticks=ticks,
        axis_bottom=bottom,
    )
