"""A failed build that only waits for facts not known yet at self-scoring time.

While the units send their self-scores, the meeting has not been held: `Chung` has no
meeting date or place yet, `Cụm chấm`/`Đoàn chấm` are blank, some units have not sent.
Validation reports those as errors today; this module tells such a build apart from a
wrong one, from what the build recorded, so that the pages show the documents as waiting
for those facts rather than as an error (and without the old-version banner).

This is a stand-in derived from the build's messages, meant to be swapped for the
validation's own answer once validation holds back only the kinds that need a missing
fact: `waiting_for` is the one function the pages call.
"""

from __future__ import annotations

import re

from .. import kinds as registry

# `Mục` of `Chung` settled at or for the meeting (blank at self-scoring time).
MEETING_ITEMS = ("Ngày kiểm tra", "Bắt đầu họp", "Kết thúc họp", "Địa điểm họp")
_ITEM = re.compile(
    r'^(?:mục "(?P<a>[^"]+)" chưa có giá trị\.'
    r'|thiếu mục "(?P<b>[^"]+)" \(bắt buộc\)\.)$'
)
SCORE_COLUMNS = {"Cụm chấm": "điểm cụm chấm", "Đoàn chấm": "điểm đoàn chấm"}
SCORE_KINDS_NEED = (registry.CLUSTER_SCORES, registry.TEAM_SCORES)


def _fact(problem) -> str | None:
    """The fact a problem waits for, or None when it is a real error."""
    if problem.sheet == "Chung":
        match = _ITEM.match(problem.message)
        name = match and (match.group("a") or match.group("b"))
        return f'"{name}"' if name in MEETING_ITEMS else None
    if problem.sheet == "Chấm điểm":
        if problem.column in SCORE_COLUMNS and problem.message.startswith("chưa có điểm"):
            return SCORE_COLUMNS[problem.column]
        if problem.column == "Tự chấm" and problem.message.startswith("chưa có điểm tự chấm"):
            return "biểu tự chấm của các đơn vị chưa gửi"
    return None


def waiting_for(status) -> list[str] | None:
    """The facts a failed build waits for (in order, once each), or None when the build did
    not fail or failed for anything else."""
    if status is None or status.state != "loi" or not status.problems:
        return None
    facts: list[str] = []
    for problem in status.problems:
        fact = _fact(problem)
        if fact is None:
            return None
        if fact not in facts:
            facts.append(fact)
    return facts


def buildable(facts: list[str]) -> list[str]:
    """The kinds that can be built while only the scores of the meeting are missing
    (none while `Chung` lacks a meeting fact or a unit has not sent: validation checks
    those for every kind)."""
    if any(f not in SCORE_COLUMNS.values() for f in facts):
        return []
    return [k.slug for k in registry.KINDS if not set(k.needs) & set(SCORE_KINDS_NEED)]


def waiting_documents(facts: list[str]) -> list[str]:
    """What staff call the kinds that wait for `facts` (those `buildable` leaves out)."""
    return waiting_kinds(buildable(facts))


def waiting_kinds(built: list[str]) -> list[str]:
    """What staff call the kinds not in `built` (they wait for the meeting's facts)."""
    return [k.label for k in registry.KINDS if k.slug not in built]
