"""Scoring, a stage of its own: totals, subtotals, grades and ranks. Pure pandas, no I/O.

`compute` runs once per campaign build; every document receives its Results.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .model import Campaign, Criterion, Grade


def counted(scores: pd.DataFrame) -> pd.Series:
    """The score that counts per row: `Cụm chấm` where given, else `Tự chấm`."""
    return scores["cluster"].fillna(scores["self"])


def _sum_strict(frame: pd.DataFrame, by: str, columns: list[str]) -> pd.DataFrame:
    """Group sums that stay NaN when any summed value is missing."""
    grouped = frame.groupby(by, sort=False)
    sums = grouped[columns].sum()
    missing = frame[columns].isna().groupby(frame[by], sort=False).any()
    return sums.mask(missing)


def criterion_table(scores: pd.DataFrame, criteria: list[Criterion]) -> pd.DataFrame:
    """Self, cluster and counted score of every unit for every criterion, groups included.

    Groups sum their leaves (recursively, through any depth); a group's cluster
    score is NaN when any of its leaves has no cluster score.
    """
    columns = _columns(scores)
    leaf = scores.assign(counted=counted(scores))[["unit", "criterion", *columns]]
    groups = [c.code for c in criteria if c.is_group]
    if not groups:
        return leaf.reset_index(drop=True)
    # Each leaf once per group above it (1.2.3 counts for 1.2 and for 1), then one grouping.
    ancestors = {code: [g for g in groups if code.startswith(g + ".")] for code in leaf["criterion"].unique()}
    expanded = leaf.assign(group=leaf["criterion"].map(ancestors)).explode("group")
    expanded = expanded[expanded["group"].notna()]
    keys = [expanded["unit"], expanded["group"]]
    values = expanded[columns]
    sums = values.groupby(keys, sort=False).sum().mask(values.isna().groupby(keys, sort=False).any())
    summed = sums.rename_axis(["unit", "criterion"]).reset_index()
    return pd.concat([leaf, summed], ignore_index=True)


def _columns(scores: pd.DataFrame) -> list[str]:
    """The score columns to sum: self, team (when the frame has it), cluster, counted."""
    return [c for c in ("self", "team", "cluster") if c in scores] + ["counted"]


def grade_of(total: float, grades: list[Grade]) -> Grade:
    """The grade a total earns; `grades` is sorted highest threshold first."""
    for grade in grades:
        if total >= grade.min - 1e-9:
            return grade
    return grades[-1]


def results(scores: pd.DataFrame, unit_order: list[str], grades: list[Grade]) -> pd.DataFrame:
    """One row per unit: totals, difference, grade and shared rank, best first.

    Ties share a rank (1, 2, 2, 4) and keep the units' sheet order.
    """
    frame = scores.assign(counted=counted(scores))
    totals = _sum_strict(frame, "unit", _columns(frame)).rename(
        columns={"self": "self_total", "team": "team_total", "cluster": "cluster_total", "counted": "total"}
    )
    totals["inspected"] = totals["cluster_total"].notna()
    totals = totals.reindex(unit_order)
    totals["total"] = totals["total"].round(6)
    totals["difference"] = totals["cluster_total"] - totals["self_total"]
    totals["order"] = range(len(totals))
    totals["rank"] = totals["total"].rank(method="min", ascending=False).astype(int)
    picked = [grade_of(t, grades) for t in totals["total"]]
    totals["grade"] = [g.label for g in picked]
    totals["grade_name"] = [g.name for g in picked]
    totals = totals.sort_values(["rank", "order"], kind="stable")
    return totals.drop(columns="order").rename_axis("unit").reset_index()


def grade_counts(result: pd.DataFrame, grades: list[Grade]) -> list[tuple[Grade, int]]:
    """How many units hold each grade, highest grade first, grades held by nobody left out."""
    counts = result["grade"].value_counts()
    return [(g, int(counts[g.label])) for g in grades if counts.get(g.label, 0)]


@dataclass(frozen=True)
class Results:
    """What scoring computed for one campaign, handed to every document."""

    units: pd.DataFrame  # one row per unit, best first (see `results`)
    table: pd.DataFrame  # every unit x criterion, groups included (see `criterion_table`)
    counts: list[tuple[Grade, int]]  # units per grade, highest grade first

    def of(self, unit: str) -> pd.Series:
        """The result row of one unit."""
        return self.units.set_index("unit").loc[unit]


def compute(campaign: Campaign) -> Results:
    units = results(campaign.scores, [u.code for u in campaign.units], campaign.grades)
    return Results(
        units=units,
        table=criterion_table(campaign.scores, campaign.criteria),
        counts=grade_counts(units, campaign.grades),
    )
