"""The registry of document kinds: the one list everything else reads.

Each kind names the module of pipeline.documents that builds it. That module
has one entry point, `build(campaign, results) -> Built` (template contexts and
warnings out, no I/O). Build, validate (the `Văn bản` sheet's values, each
kind's input needs), the blank workbook's guide and drop-down, check-templates,
the tools and the Makefile (through pipeline.makeproto) all read this list.

This module is plain data: it imports only the standard library, so that Make can
read it with the system Python before the virtual environment exists.

Adding a kind: its module in pipeline/documents/, its template in
templates_docx/ (laid out by tools/templates/<module>.py), one entry below, and
its tests. Nothing else.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from .doctypes import TYPE_ABBREVIATIONS

# The kinds' slugs: the `Văn bản` values, the queue words. Code outside this module and the
# kind's own names a kind by these constants, never by the string.
PLAN = "ke-hoach"
INSPECTION = "bien-ban-kiem-tra"
MEETING = "bien-ban-hop-cum"
PROPOSAL = "to-trinh"
NEWS = "tin-bai"
DECISION = "quyet-dinh"
CERTIFICATES = "giay-khen"

# Input needs a kind can declare; validate checks exactly these for the kinds being built.
CLUSTER_SCORES = "cluster-scores"  # every unit's `Cụm chấm` complete (reports the results)
TEAM_SCORES = "team-scores"  # each inspected unit's scores of the day complete
AWARDS = "awards"  # a non-empty `Khen thưởng` sheet
INSPECTION_PEOPLE = "inspection-people"  # names the minutes print (warn when missing)
MEETING_PEOPLE = "meeting-people"  # the meeting's chair and secretary (warn when missing)
GRANTED_AWARDS = "granted-awards"  # at least one award not marked `không` in `Quyết định`
NEEDS = (CLUSTER_SCORES, TEAM_SCORES, AWARDS, INSPECTION_PEOPLE, MEETING_PEOPLE, GRANTED_AWARDS)

# The sheets every kind reads: an error in one of them holds back every document.
CORE_SHEETS = ("Chung", "Đơn vị", "Tiêu chí")
# What the other sheets feed (`reads` of a kind): an error in a sheet holds back only the
# kinds that read it. `Văn bản:<row>` is one row of `Văn bản` (a kind always reads its own).
SCORES_SHEETS = ("Chấm điểm", "Xếp loại")


@dataclass(frozen=True)
class Kind:
    slug: str  # the `Văn bản` value, the queue word, `vanban build -d <slug>`
    module: str  # pipeline.documents.<module> has build(campaign, results) -> Built
    label: str  # what staff call it (the blank workbook's guide)
    group: str  # the Make goal that builds it
    templates: tuple[str, ...]  # files of templates_docx/ it renders
    writes: tuple[str, ...]  # files it writes in outputs/<campaign>/ (globs)
    target: str  # the file Make keeps up to date for it
    type_name: str | None = None  # its type (pipeline/doctypes.py); None: not administrative
    issuer: str = "leader"  # default issuer without a `Văn bản` row: "leader" or "superior"
    photos: bool = False  # depends on the photos in anh/
    needs: tuple[str, ...] = ()  # input needs validate checks (NEEDS)
    row: str | None = None  # issued under another kind's `Văn bản` row (has none of its own)
    reads: tuple[str, ...] = ()  # sheets (beyond CORE_SHEETS) and `Văn bản:<row>` it prints

    @property
    def administrative(self) -> bool:
        """A Decree 30 document (check-format checks it), not a portal page or certificate."""
        return self.type_name is not None

    @property
    def abbreviation(self) -> str | None:
        """Its type's abbreviation in the ký hiệu (KH, BB, TTr…: Phụ lục III)."""
        return TYPE_ABBREVIATIONS.get(self.type_name) if self.type_name else None

    @property
    def template(self) -> str:
        """Its (first) Word template in templates_docx/."""
        return self.templates[0]

    def file(self, tail: str = "", index: int = 0) -> str:
        """A file it writes: `writes[index]`, its `*` (one per unit or authority) replaced by
        `tail` (`bien-ban-kiem-tra-*.docx`, "dg" -> `bien-ban-kiem-tra-dg.docx`)."""
        return self.writes[index].replace("*", tail)

    @property
    def own_row(self) -> str:
        """The `Văn bản` row it is issued under."""
        return self.row or self.slug

    def reads_sheet(self, sheet: str | None, row: str | None = None) -> bool:
        """Whether a fault in `sheet` (of `Văn bản`: in the row of kind `row`, None when the
        row's kind is unknown) concerns this kind's document."""
        if sheet is None or sheet in CORE_SHEETS:
            return True
        if sheet == "Văn bản":
            return row is None or row == self.own_row or f"Văn bản:{row}" in self.reads or "Văn bản" in self.reads
        return sheet in self.reads

    @property
    def stamp(self) -> bool:
        """The target is a stamp the build writes (the set of files varies with the data)."""
        return self.target.startswith(".")

    @property
    def build(self) -> Callable:
        return importlib.import_module(f"pipeline.documents.{self.module}").build


KINDS: tuple[Kind, ...] = (
    Kind(
        PLAN,
        "plan",
        "kế hoạch kiểm tra chéo",
        "plan",
        templates=("ke-hoach.docx",),
        writes=("ke-hoach.docx",),
        target="ke-hoach.docx",
        type_name="KẾ HOẠCH",
        issuer="superior",
        reads=("Lịch kiểm tra",),
    ),
    Kind(
        INSPECTION,
        "inspection",
        "biên bản kiểm tra tại từng đơn vị",
        "minutes",
        templates=("bien-ban-kiem-tra.docx",),
        writes=("bien-ban-kiem-tra-*.docx",),
        target=".bien-ban-kiem-tra.done",
        type_name="BIÊN BẢN",
        needs=(TEAM_SCORES, INSPECTION_PEOPLE),
        reads=(*SCORES_SHEETS, "Người", "Lịch kiểm tra", "Nhận xét", f"Văn bản:{PLAN}"),
    ),
    Kind(
        MEETING,
        "meeting",
        "biên bản họp cụm",
        "minutes",
        templates=("bien-ban-hop-cum.docx",),
        writes=("bien-ban-hop-cum.docx",),
        target="bien-ban-hop-cum.docx",
        type_name="BIÊN BẢN",
        needs=(CLUSTER_SCORES, MEETING_PEOPLE),
        reads=(*SCORES_SHEETS, "Người", "Lịch kiểm tra", "Khen thưởng", f"Văn bản:{PLAN}"),
    ),
    Kind(
        PROPOSAL,
        "proposal",
        "tờ trình đề nghị khen thưởng",
        "proposal",
        templates=("to-trinh.docx",),
        writes=("to-trinh-khen-thuong.docx",),
        target="to-trinh-khen-thuong.docx",
        type_name="TỜ TRÌNH",
        needs=(CLUSTER_SCORES, AWARDS),
        reads=(*SCORES_SHEETS, "Lịch kiểm tra", "Khen thưởng", f"Văn bản:{PLAN}"),
    ),
    Kind(
        NEWS,
        "news",
        "tin bài cho cổng thông tin",
        "news",
        templates=("tin-bai.docx", "tin-bai.html"),
        writes=("tin-bai.docx", "tin-bai.html"),
        target="tin-bai.html",
        photos=True,
        needs=(CLUSTER_SCORES, MEETING_PEOPLE),
        reads=(*SCORES_SHEETS, "Người", "Lịch kiểm tra", "Nhận xét", "Khen thưởng", "Ảnh", "Văn bản"),
    ),
    Kind(
        DECISION,
        "decision",
        "quyết định khen thưởng",
        "decision",
        templates=("quyet-dinh.docx",),
        writes=("quyet-dinh-khen-thuong*.docx",),
        target=".quyet-dinh.done",
        type_name="QUYẾT ĐỊNH",
        issuer="superior",
        needs=(AWARDS, GRANTED_AWARDS),
        reads=("Khen thưởng", f"Văn bản:{PROPOSAL}"),
    ),
    Kind(
        CERTIFICATES,
        "certificates",
        "giấy khen in trên phôi",
        "certificates",
        templates=("giay-khen.docx",),
        writes=("giay-khen*.docx",),
        target=".giay-khen.done",
        issuer="superior",
        needs=(AWARDS, GRANTED_AWARDS),
        row=DECISION,
        reads=("Khen thưởng", f"Văn bản:{PROPOSAL}"),
    ),
)


@dataclass(frozen=True)
class Report:
    """A report over campaigns, not one campaign's document: built by `module` from every
    campaign of a year (`make summary`), into its own folder of outputs/."""

    slug: str  # its folder: outputs/<slug>-<year>/
    module: str  # pipeline.<module> builds it
    label: str  # what staff call it
    templates: tuple[str, ...]  # files of templates_docx/ it renders
    writes: tuple[str, ...]  # files it writes in its folder

    @property
    def template(self) -> str:
        return self.templates[0]


# The yearly summary across clusters: a Báo cáo (Mẫu 1.4) and its workbook and chart.
SUMMARY = Report(
    "tong-hop",
    "summary",
    "báo cáo tổng hợp kết quả thi đua các cụm của một năm",
    templates=("bao-cao-tong-hop.docx",),
    writes=("bao-cao-tong-hop.docx", "tong-hop.xlsx", "bieu-do-xep-loai.png"),
)
REPORTS: tuple[Report, ...] = (SUMMARY,)

# Make goals: group -> what `make help` says of it. `all` builds every kind.
GROUPS: dict[str, str] = {
    "plan": "Kế hoạch kiểm tra chéo",
    "minutes": "Biên bản kiểm tra và biên bản họp cụm",
    "proposal": "Tờ trình đề nghị khen thưởng",
    "news": "Tin bài cho cổng thông tin (tin-bai.docx, tin-bai.html)",
    "decision": "Quyết định khen thưởng (tặng Giấy khen) kèm danh sách",
    "certificates": "Giấy khen in trên phôi, mỗi trang một người (kèm bản in thử có khung)",
}

BY_SLUG: dict[str, Kind] = {k.slug: k for k in KINDS}
SLUGS: tuple[str, ...] = tuple(BY_SLUG)
# The values of the `Văn bản` sheet: the kinds issued under a row of their own.
ROWS: tuple[str, ...] = tuple(k.slug for k in KINDS if k.row is None)
# What `vanban build -d` and a queue line may name: a group, all, or a kind.
NAMES: tuple[str, ...] = (*GROUPS, "all", *SLUGS)


def kind(slug: str) -> Kind:
    return BY_SLUG[slug]


def members(group: str) -> tuple[str, ...]:
    """The kinds of a Make group (`all`: every kind)."""
    return SLUGS if group == "all" else tuple(k.slug for k in KINDS if k.group == group)


def expand(names) -> list[str]:
    """Kinds and groups of kinds -> the document kinds, each once, in the order given."""
    out: list[str] = []
    for name in names:
        for slug in members(name) if name in GROUPS or name == "all" else (name,):
            if slug not in out:
                out.append(slug)
    return out
