"""What staff call a campaign and its documents, in the order of the campaign's work.

A campaign is shown as `Tên cụm – lĩnh vực – năm` (from its `Chung` sheet) beside its
folder name; its documents by their Vietnamese title (the registry's label, with the
unit for the inspection minutes), in the order the work happens: plan, inspections
unit by unit, meeting, proposal, decision, certificates, news. Each row gathers the
files of one document: its Word file, its PDF (made on request or in the background)
and its web page (the news article).

The names come from the campaign's input, read without validating it (a campaign
whose data has errors still has a name) and kept in `outputs/<campaign>/.vanban-ten.json`
until the input changes, so the index of a national batch reads each workbook once.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import kinds as registry
from .files import write_atomic

CACHE = ".vanban-ten.json"
DASH = " – "
# The order of the campaign's work (kinds not named here follow, in the registry's order).
WORK_ORDER = (
    registry.PLAN,
    registry.INSPECTION,
    registry.MEETING,
    registry.PROPOSAL,
    registry.DECISION,
    registry.CERTIFICATES,
    registry.NEWS,
)
HAND_EDIT = ".sua-tay"  # pipeline/manifest.py: a hand edit kept aside
PROOF = registry.kind(registry.CERTIFICATES).file("-in-thu")  # the certificates' framed proof
EXTRA_TITLES = {  # files of a kind other than its main one
    PROOF: "Giấy khen – bản in thử có khung",
}


@dataclass
class Names:
    """What the input says about the campaign's name and its units."""

    title: str | None = None  # Tên cụm – lĩnh vực – năm
    units: dict[str, str] = field(default_factory=dict)  # code (lower case) -> name
    visits: list[str] = field(default_factory=list)  # inspected units (lower case), in order
    # granting authorities by the slug their decision's files carry -> as written
    authorities: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    """One document on the listing: its title and its files."""

    title: str
    order: tuple
    docx: Path | None = None
    pdf: Path | None = None
    html: Path | None = None
    other: Path | None = None  # a file of no registered kind (a hand edit kept aside…)

    @property
    def main(self) -> Path:
        return self.docx or self.html or self.pdf or self.other

    @property
    def files(self) -> list[Path]:
        return [p for p in (self.docx, self.pdf, self.html, self.other) if p is not None]


def _input_stamp(folder: Path) -> str:
    parts = []
    for name in ("du-lieu.xlsx", "chung.csv", "don-vi.csv", "lich-kiem-tra.csv"):
        path = folder / name
        if path.is_file():
            stat = path.stat()
            parts.append(f"{name}:{stat.st_mtime_ns}:{stat.st_size}")
    return "|".join(parts)


def _read_names(folder: Path) -> Names:
    from .load import load_campaign

    try:
        raw = load_campaign(folder, photos=False)
    except Exception:  # an unreadable input: the folder name is all there is
        return Names()
    names = Names()
    general = {}
    chung = raw.sheets.get("Chung")
    for row in chung.rows if chung is not None else ():
        label, value = row.get("Mục"), row.get("Giá trị")
        if isinstance(label, str) and value not in (None, ""):
            general[label.strip().lower()] = value
    year = general.get("năm")
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    parts = [str(general[k]).strip() for k in ("tên cụm", "lĩnh vực") if general.get(k)]
    if year not in (None, ""):
        parts.append(str(year).strip())
    names.title = DASH.join(parts) or None
    units = raw.sheets.get("Đơn vị")
    for row in units.rows if units is not None else ():
        code, name = row.get("Mã"), row.get("Tên đơn vị")
        if code not in (None, "") and name not in (None, ""):
            names.units[str(code).strip().lower()] = str(name).strip()
    schedule = raw.sheets.get("Lịch kiểm tra")
    for row in schedule.rows if schedule is not None else ():
        code = row.get("Đơn vị được kiểm tra")
        if code not in (None, "") and str(code).strip().lower() not in names.visits:
            names.visits.append(str(code).strip().lower())
    from .issuers import form_authority, parse_authority

    awards = raw.sheets.get("Khen thưởng")
    for row in awards.rows if awards is not None else ():
        form = row.get("Hình thức")
        said = form_authority(str(form)) if isinstance(form, str) else None
        if said:
            authority = parse_authority(said)
            names.authorities.setdefault(authority.slug, authority.text)
    try:  # the authorities as the decisions' file names carry them (completed with the place)
        from .issuers import decisions
        from .validate import validate

        for decision in decisions(validate(raw)):
            if decision.slug and decision.authority is not None:
                names.authorities[decision.slug] = decision.authority.text
    except Exception:  # data with errors: the forms' own words above
        pass
    return names


def names(inputs: Path | None, outputs: Path, campaign: str) -> Names:
    """The campaign's names, from its input (cached beside its outputs)."""
    cache = Path(outputs) / campaign / CACHE
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        remembered = Names(
            kept.get("title"),
            dict(kept.get("units") or {}),
            list(kept.get("visits") or []),
            dict(kept.get("authorities") or {}),
        )
    except (OSError, ValueError, AttributeError):
        kept, remembered = {}, Names()
    if inputs is None or not (Path(inputs) / campaign).is_dir():
        return remembered  # `make pdf` rewrites the index without the inputs at hand
    folder = Path(inputs) / campaign
    stamp = _input_stamp(folder)
    if kept.get("stamp") == stamp:
        return remembered
    found = _read_names(folder)
    if cache.parent.is_dir():
        data = {
            "stamp": stamp,
            "title": found.title,
            "units": found.units,
            "visits": found.visits,
            "authorities": found.authorities,
        }
        try:
            write_atomic(cache, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass
    return found


def _position(kind: registry.Kind) -> int:
    if kind.slug in WORK_ORDER:
        return WORK_ORDER.index(kind.slug)
    return len(WORK_ORDER) + registry.SLUGS.index(kind.slug)


def _kind_of(name: str) -> tuple[int, registry.Kind] | None:
    for kind in registry.KINDS:
        for pattern in kind.writes:
            if fnmatch.fnmatchcase(name, pattern):
                return _position(kind), kind
    return None


def _title(label: str) -> str:
    return label[:1].upper() + label[1:]


def describe(docx_or_html: str, known: Names) -> tuple[str, tuple] | None:
    """A generated file's title and place in the order (None: not a generated file)."""
    stem, suffix = docx_or_html.rsplit(".", 1)
    if HAND_EDIT in stem:  # to-trinh-khen-thuong.sua-tay-2.docx: beside its document
        original, _, number = stem.partition(HAND_EDIT)
        described = describe(f"{original}.{suffix}", known)
        if described is None:
            return None
        title, order = described
        return f"{title} (bản sửa tay được giữ lại{' ' + number.lstrip('-') if number else ''})", (*order, 1, number)
    found = _kind_of(docx_or_html)
    if found is None:
        return None
    position, kind = found
    if docx_or_html in EXTRA_TITLES:
        return EXTRA_TITLES[docx_or_html], (position, 1, docx_or_html)
    if kind.slug in (registry.DECISION, registry.CERTIFICATES):  # one per granting authority: <name>-<slug>
        prefix = kind.writes[0].split("*", 1)[0]
        tail = Path(docx_or_html).stem[len(prefix) :].strip("-")
        proof = tail == "in-thu" or tail.endswith("-in-thu")
        slug = tail.removesuffix("in-thu").strip("-")
        title = EXTRA_TITLES[PROOF] if proof else _title(kind.label)
        if slug:
            title += DASH + known.authorities.get(slug, slug.replace("-", " "))
        return title, (position, 0, slug, proof)
    if "*" in "".join(kind.writes):  # one file per unit: bien-ban-kiem-tra-<code>.docx
        prefix = kind.writes[0].split("*", 1)[0]
        code = Path(docx_or_html).stem[len(prefix) :]
        unit = known.units.get(code, code.upper())
        label = kind.label.replace(" tại từng đơn vị", "")
        order = known.visits.index(code) if code in known.visits else len(known.visits)
        return f"{_title(label)}{DASH}{unit}", (position, 0, order, code)
    return _title(kind.label), (position, 0, docx_or_html)


def documents(files: list[Path], known: Names) -> list[Document]:
    """The files of a campaign's output folder gathered into documents, in the work's order."""
    rows: dict[str, Document] = {}
    others: list[Document] = []
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        by_stem.setdefault(path.stem, []).append(path)
    for stem, paths in by_stem.items():
        suffixes = {p.suffix: p for p in paths}
        generated = None
        for suffix in (".docx", ".html"):
            if suffix in suffixes:
                generated = describe(stem + suffix, known)
                if generated:
                    break
        if generated is None:  # hand edits kept aside, forms, anything else: by file name
            document = Document(
                "",
                (len(WORK_ORDER) + len(registry.KINDS), 0, stem),
                docx=suffixes.get(".docx"),
                pdf=suffixes.get(".pdf"),
                html=suffixes.get(".html"),
                other=suffixes.get(".xlsx"),
            )
            document.title = document.main.name
            others.append(document)
            continue
        title, order = generated
        rows[stem] = Document(
            title,
            order,
            docx=suffixes.get(".docx"),
            pdf=suffixes.get(".pdf"),
            html=suffixes.get(".html"),
            other=suffixes.get(".xlsx"),
        )
    return sorted([*rows.values(), *others], key=lambda d: d.order)
