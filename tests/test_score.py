"""Scores without files: totals, subtotals, grades, shared ranks."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline import score
from pipeline.model import Criterion, Grade
from pipeline.contract import DEFAULT_GRADES

CRITERIA = [
    Criterion("1", "Nhóm 1", 10, None, True),
    Criterion("1.1", "a", 6, "1", False),
    Criterion("1.2", "b", 4, "1", False),
    Criterion("2", "Nhóm 2", 90, None, False),
]


def frame(rows):
    return pd.DataFrame(rows, columns=["unit", "criterion", "self", "cluster", "note", "row"])


def scores(per_unit: dict[str, tuple[float, float, float | None]]):
    """unit -> (1.1 self, 2 self, 2 cluster); 1.2 scores 4/4 everywhere."""
    rows = []
    for unit, (a, b, c) in per_unit.items():
        rows += [(unit, "1.1", a, a, None, 0), (unit, "1.2", 4, 4, None, 0), (unit, "2", b, c, None, 0)]
    return frame(rows)


def test_totals_grades_and_shared_ranks():
    data = scores({"A": (6, 80, 80), "B": (6, 80, 80), "C": (5, 85, 86), "D": (1, 40, 40)})
    result = score.results(data, ["A", "B", "C", "D"], list(DEFAULT_GRADES))
    assert list(result["unit"]) == ["C", "A", "B", "D"]
    assert list(result["rank"]) == [1, 2, 2, 4]
    assert list(result["total"]) == [95, 90, 90, 45]
    assert list(result["self_total"]) == [94, 90, 90, 45]
    assert list(result["difference"]) == [1, 0, 0, 0]
    assert list(result["grade"]) == ["A", "A", "A", "D"]


def test_cluster_score_counts_where_given_else_self():
    data = scores({"A": (6, 80, None)})
    result = score.results(data, ["A"], list(DEFAULT_GRADES)).iloc[0]
    assert result["total"] == 90
    assert math.isnan(result["cluster_total"])
    assert not result["inspected"]


@pytest.mark.parametrize(
    "total,label", [(85, "A"), (84.99, "B"), (70, "B"), (50, "C"), (49.5, "D"), (0, "D"), (100, "A")]
)
def test_grade_boundaries_are_inclusive(total, label):
    assert score.grade_of(total, list(DEFAULT_GRADES)).label == label


def test_custom_scale_from_sheet_order_independent():
    grades = sorted([Grade("Đạt", 50, None), Grade("Không đạt", 0, None), Grade("Tốt", 80, None)], key=lambda g: -g.min)
    assert score.grade_of(79.5, grades).label == "Đạt"


def test_group_subtotals_and_missing_cluster_scores():
    data = scores({"A": (5.5, 80, 81)})
    data.loc[(data["unit"] == "A") & (data["criterion"] == "1.2"), "cluster"] = float("nan")
    table = score.criterion_table(data, CRITERIA).set_index(["unit", "criterion"])
    assert table.loc[("A", "1"), "self"] == 9.5
    assert math.isnan(table.loc[("A", "1"), "cluster"])  # one leaf not inspected
    assert table.loc[("A", "1"), "counted"] == 9.5  # 5.5 cluster + 4 self
    assert table.loc[("A", "2"), "cluster"] == 81


def test_grade_counts_highest_first():
    data = scores({"A": (6, 80, 80), "B": (6, 70, 70), "C": (6, 40, 40), "D": (6, 80, 80)})
    result = score.results(data, ["A", "B", "C", "D"], list(DEFAULT_GRADES))
    counts = [(g.label, n) for g, n in score.grade_counts(result, list(DEFAULT_GRADES))]
    assert counts == [("A", 2), ("B", 1), ("C", 1)]  # totals 90, 80, 50, 90; no D


def test_floating_point_sums_do_not_break_ties():
    rows = []
    for unit, parts in {"A": (0.1, 0.2), "B": (0.3, 0.0)}.items():
        rows += [(unit, "1.1", parts[0], parts[0], None, 0), (unit, "1.2", parts[1], parts[1], None, 0)]
    result = score.results(frame(rows), ["A", "B"], list(DEFAULT_GRADES))
    assert list(result["rank"]) == [1, 1]
    assert list(result["unit"]) == ["A", "B"]
