"""Simple bar charts for the staff reports, drawn on the server as SVG.

No chart library and no JavaScript: the admin's CSP stays as it is, the chart prints and
it works with scripts off. Each chart is a picture for sighted readers; the table beside
it carries the same figures for everyone else, so the SVG is hidden from screen readers.
"""

from dataclasses import dataclass

from django import template

register = template.Library()

LABEL_WIDTH = 190
BAR_AREA = 330
VALUE_WIDTH = 80
BAR_HEIGHT = 16
ROW_GAP = 12
# Two fills a colour-blind reader can tell apart, both with 3:1 contrast on white; the
# value is also written beside every bar, so colour never carries meaning alone.
FILLS = ["#1d70b8", "#6f777b", "#b58840", "#4c2c92"]


@dataclass
class Bar:
    x: int
    y: int
    width: float
    fill: str
    text: str


@register.inclusion_tag("early_help/admin/includes/bar_chart.html")
def bar_chart(chart: dict):
    """`chart`: {"title", "series": [names], "rows": [{"label", "values": [numbers|None]}],
    "unit": text after each value}."""
    series = chart["series"]
    rows = chart["rows"]
    largest = max((v for row in rows for v in row["values"] if v is not None), default=0) or 1
    row_height = BAR_HEIGHT * len(series) + ROW_GAP
    legend_height = 24
    drawn = []
    for index, row in enumerate(rows):
        top = legend_height + index * row_height
        bars = []
        for number, value in enumerate(row["values"]):
            width = 0 if value is None else max(BAR_AREA * value / largest, 1)
            text = "–" if value is None else f"{value:g}{chart.get('unit', '')}"
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=top + number * BAR_HEIGHT,
                    width=round(width, 1),
                    fill=FILLS[number % len(FILLS)],
                    text=text,
                )
            )
        drawn.append(
            {"label": row["label"], "y": top + len(series) * BAR_HEIGHT // 2, "bars": bars}
        )
    return {
        "chart": chart,
        "rows": drawn,
        "legend": [
            {"name": name, "fill": FILLS[n % len(FILLS)], "x": LABEL_WIDTH + n * 150}
            for n, name in enumerate(series)
        ],
        "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        "height": legend_height + len(rows) * row_height,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT - 3,
    }
