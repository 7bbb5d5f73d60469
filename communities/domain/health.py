"""The arithmetic of partnership health reviews, with no database: averages per principle and measure for each
review, how far the partners' scores lie apart, and the bars of the chart that shows them over time."""

from dataclasses import dataclass, field
from statistics import mean

SCORE_MAX = 5
CHART_WIDTH = 300
# A spread of this many points or more between two partners' scores is worth talking about.
DISAGREEMENT = 2
BAR_HEIGHT, BAR_GAP = 9, 3


@dataclass
class ItemRound:
    """One principle or measure in one review: every partner's score, their mean and the bar's width."""

    number: int
    scores: list[int] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return round(mean(self.scores), 1) if self.scores else None

    @property
    def lowest(self) -> int | None:
        return min(self.scores) if self.scores else None

    @property
    def highest(self) -> int | None:
        return max(self.scores) if self.scores else None

    @property
    def spread(self) -> int:
        return max(self.scores) - min(self.scores) if self.scores else 0

    @property
    def width(self) -> float:
        return round((self.average or 0) / SCORE_MAX * CHART_WIDTH, 1)


@dataclass
class ItemHistory:
    key: tuple[str, int]
    title: str
    rounds: list[ItemRound]

    @property
    def height(self) -> int:
        """The chart row's height: a bar of BAR_HEIGHT per review, BAR_GAP apart."""
        return len(self.rounds) * (BAR_HEIGHT + BAR_GAP)

    @property
    def bars(self) -> list[tuple["ItemRound", int, bool]]:
        """(round, y, is the latest) for each review's bar, top to bottom in review order."""
        last = len(self.rounds) - 1
        return [(r, i * (BAR_HEIGHT + BAR_GAP) + 1, i == last) for i, r in enumerate(self.rounds)]

    @property
    def change_size(self) -> float | None:
        return abs(self.change) if self.change is not None else None

    @property
    def change(self) -> float | None:
        """The change of the mean between the first and the last review that has scores for it."""
        scored = [r.average for r in self.rounds if r.average is not None]
        return round(scored[-1] - scored[0], 1) if len(scored) > 1 else None


def health_history(items: list[tuple[tuple[str, int], str]], numbers: list[int], scores) -> list[ItemHistory]:
    """items: [((kind, id), title)] in order; numbers: the review numbers; scores: (number, kind, id, score) rows."""
    table = {key: {n: ItemRound(n) for n in numbers} for key, _title in items}
    for number, kind, pk, score in scores:
        rounds = table.get((kind, pk))
        if rounds is not None and number in rounds:
            rounds[number].scores.append(score)
    return [ItemHistory(key, title, [table[key][n] for n in numbers]) for key, title in items]


def disagreements(history: list[ItemHistory], number: int) -> list[tuple[ItemHistory, ItemRound]]:
    """The items on which partners' scores in review `number` lie DISAGREEMENT points apart or more, widest first."""
    found = []
    for item in history:
        for round_ in item.rounds:
            if round_.number == number and round_.spread >= DISAGREEMENT:
                found.append((item, round_))
    return sorted(found, key=lambda pair: (-pair[1].spread, pair[0].title))
