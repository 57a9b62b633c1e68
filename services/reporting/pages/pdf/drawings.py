"""The report's charts as reportlab drawings, from the same chart descriptions the dashboard draws."""
from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

LABEL_WIDTH = 150  # points left of a horizontal bar chart for its category names


def _wrap(label: str, width: int = 30) -> str:
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def _values(series: dict) -> tuple:
    return tuple(series["data"])


def _band_rects(drawing: Drawing, bands: list[dict], low: float, high: float, start: float, length: float,
                across: tuple[float, float], vertical_axis: bool) -> None:
    for band in bands:
        a = start + (max(band["from"], low) - low) / (high - low) * length
        b = start + (min(band["to"], high) - low) / (high - low) * length
        fill = colors.HexColor(band["color"])
        if vertical_axis:
            drawing.add(Rect(across[0], a, across[1], b - a, fillColor=fill, strokeColor=None))
            drawing.add(String(across[0] + across[1] - 12, a + 3, band["grade"], fontName="Helvetica-Bold",
                               fontSize=8))
        else:
            drawing.add(Rect(a, across[0], b - a, across[1], fillColor=fill, strokeColor=None))
            drawing.add(String(a + 3, across[0] + across[1] + 3, band["grade"], fontName="Helvetica-Bold",
                               fontSize=8))


def _legend(drawing: Drawing, spec: dict, x: float, y: float) -> None:
    if len(spec["series"]) < 2:
        return
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = x, y, "Helvetica", 8
    legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 8, 8
    legend.deltax = max(len(s["label"]) for s in spec["series"]) * 4.4 + 20  # one row, a column per series
    legend.colorNamePairs = [(colors.HexColor(s["color"]), s["label"]) for s in spec["series"]]
    drawing.add(legend)


def _count_step(chart, spec: dict, high: float) -> None:
    # Counts of people or reports: whole-number ticks, never 0.5 of a person.
    if not spec["percent"] and spec["digits"] == 0 and not spec["bands"]:
        chart.valueAxis.valueStep = max(1, math.ceil(high / 6))


def bar_drawing(spec: dict, width: float) -> Drawing:
    rows = max(len(spec["labels"]), 1)
    legend_space = 18 if len(spec["series"]) > 1 else 0
    height = rows * (26 if spec["stacked"] else 20) + 40 + legend_space + (12 if spec["bands"] else 0)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, 25 + legend_space
    chart.width = width - LABEL_WIDTH - 10
    chart.height = height - 35 - legend_space - (12 if spec["bands"] else 0)
    chart.data = [_values(s) for s in spec["series"]]
    chart.categoryAxis.categoryNames = [_wrap(label) for label in spec["labels"]]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = "Helvetica", 7.5
    chart.categoryAxis.reverseDirection = True  # first label at the top, as on the page
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = "Helvetica", 7.5
    if spec["stacked"]:
        chart.categoryAxis.style = "stacked"
    low, high = spec["axis"].get("min", 0), spec["axis"].get("max")
    chart.valueAxis.valueMin = low
    if high is None:
        high = max([sum(v or 0 for v in column) for column in zip(*chart.data, strict=True)] + [1]) \
            if spec["stacked"] else max([v for s in chart.data for v in s if v is not None] + [1])
        high = max(1, int(high * 1.15) + 1)
    chart.valueAxis.valueMax = high
    _count_step(chart, spec, high)
    for i, series in enumerate(spec["series"]):
        chart.bars[i].fillColor = colors.HexColor(series["color"])
        chart.bars[i].strokeColor = None
    if spec["bands"]:
        _band_rects(drawing, spec["bands"], low, high, chart.x, chart.width, (chart.y, chart.height), False)
    drawing.add(chart)
    _legend(drawing, spec, 10, 8)
    return drawing


def line_drawing(spec: dict, width: float) -> Drawing:
    height = 170
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 60, height - 45
    chart.data = [_values(s) for s in spec["series"]]
    chart.categoryAxis.categoryNames = spec["labels"]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = "Helvetica", 7.5
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = "Helvetica", 7.5
    low, high = spec["axis"].get("min", 0), spec["axis"].get("max", 100)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = low, high
    for i, series in enumerate(spec["series"]):
        chart.lines[i].strokeColor = colors.HexColor(series["color"])
        chart.lines[i].strokeWidth = 2
        chart.lines[i].symbol = makeMarker("FilledCircle")
    chart.joinedLines = 1
    if spec["bands"]:
        _band_rects(drawing, spec["bands"], low, high, chart.y, chart.height, (chart.x, chart.width), True)
    drawing.add(chart)
    return drawing


def chart_drawing(spec: dict, width: float) -> Drawing:
    return line_drawing(spec, width) if spec["kind"] == "line" else bar_drawing(spec, width)
