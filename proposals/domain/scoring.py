"""The table of review scores: each reviewer's score per criterion and the weighted total."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


def weighted_total(scores: dict[int, int], criteria) -> Decimal | None:
    """The scores as a percentage of the best possible, each criterion counting by its weight.

    None while a criterion has no score.
    """
    criteria = list(criteria)
    if not criteria or any(criterion.pk not in scores for criterion in criteria):
        return None
    weights = sum(criterion.weight for criterion in criteria)
    points = sum(Decimal(scores[c.pk]) / Decimal(c.max_score) * c.weight for c in criteria)
    return (points * 100 / weights).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class ScoreRow:
    assignment: object
    scores: list[int | None]
    total: Decimal | None


@dataclass
class ScoreTable:
    criteria: list
    rows: list[ScoreRow] = field(default_factory=list)
    averages: list[Decimal | None] = field(default_factory=list)
    average_total: Decimal | None = None


def _average(values) -> Decimal | None:
    values = [Decimal(value) for value in values if value is not None]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(TENTH, rounding=ROUND_HALF_UP)


def is_draft(assignment) -> bool:
    """Saved half-way and not submitted."""
    return getattr(assignment, "draft_saved_at", None) is not None and getattr(assignment, "submitted_at", 1) is None


def score_table(*, criteria, assignments) -> ScoreTable:
    """Built from assignments whose scores were prefetched: no query per reviewer.

    A review saved as a draft and not submitted is its reviewer's alone: its scores count for nobody else.
    """
    criteria = list(criteria)
    table = ScoreTable(criteria=criteria)
    for assignment in assignments:
        scores = {score.criterion_id: score.score for score in assignment.scores.all()}
        if is_draft(assignment):
            scores = {}
        table.rows.append(ScoreRow(assignment, [scores.get(c.pk) for c in criteria], weighted_total(scores, criteria)))
    table.averages = [_average(row.scores[index] for row in table.rows) for index in range(len(criteria))]
    table.average_total = _average(row.total for row in table.rows)
    return table
