"""Bar charts drawn on the server as SVG: no script, the same on every phone. Pure geometry, no database."""

from dataclasses import dataclass

ROW_HEIGHT = 22
LABEL_WIDTH = 130
BAR_AREA = 210
CHART_WIDTH = LABEL_WIDTH + BAR_AREA + 40
# Characters of a label that fit beside the bars at the chart's font size.
LABEL_CHARACTERS = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


def horizontal_bars(items: list[tuple[str, int]]) -> tuple[list[Bar], int]:
    """One bar per (label, value), the longest as wide as the bar area; returns the bars and the chart's
    height. A label longer than fits is shortened with an ellipsis (the table beside says it in full)."""
    highest = max((value for _label, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        width = round(value * BAR_AREA / highest)
        y = index * ROW_HEIGHT
        bars.append(
            Bar(
                label=label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…",
                value=value,
                y=y + 4,
                width=width,
                text_y=y + 15,
                value_x=LABEL_WIDTH + width + 4,
            )
        )
    return bars, max(len(items), 1) * ROW_HEIGHT
