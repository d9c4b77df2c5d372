"""The sheets read into the campaign's typed parts: `Chung`, `Đơn vị`, `Tiêu chí`, `Xếp loại`,
`Người`, `Lịch kiểm tra`, `Nhận xét`, `Khen thưởng`, `Văn bản` and `Ảnh`."""

from __future__ import annotations

import difflib
import re
from datetime import datetime


from .. import cells, issuers
from .. import kinds as registry
from ..contract import (
    AWARD_KINDS,
    DEFAULT_GRADES,
    FINDING_KINDS,
    GENERAL,
    GRANTED,
    PARTS_OF_DAY,
    PHOTOS_FOLDER,
    ROLES,
    YES_NO,
    document_labels,
    document_row,
)
from ..load import header_key
from ..model import (
    Award,
    Criterion,
    Grade,
    Inspection,
    Issuance,
    Person,
    Photo,
    Remark,
    Unit,
)
from ..sanity import check_year, same_but_case
from ..vietnamese import number
from .checker import CRITERION_CODE, MEETING_ROLES, UNIT_CODE, _Checker, _choice, _choices, _known


def _general(ck: _Checker) -> dict:
    values: dict = {}
    records = ck.records("Chung")
    if records is None:
        return values
    labels = {header_key(k): k for k in GENERAL}
    seen: dict[str, int] = {}
    where: dict[str, dict] = {}  # attribute -> its record, to point problems at the row
    for rec in records:
        label = rec["Mục"]
        if label is None:
            continue
        key = header_key(label)
        if key not in labels:
            close = difflib.get_close_matches(key, labels, n=1, cutoff=0.5)
            hint = f' Có phải là "{labels[close[0]]}"?' if close else ""
            ck.at(rec, "Mục", f'mục "{label}" không có trong danh sách các mục.{hint}')
            continue
        name = labels[key]
        if key in seen:
            ck.at(rec, "Mục", f'mục "{name}" bị ghi hai lần (đã có ở dòng {seen[key]}).')
            continue
        seen[key] = rec["_row"]
        attr, parse, required = GENERAL[name]
        required = required if ck.required_items is None else name in ck.required_items
        where[attr] = rec
        raw = ck.raw.sheets["Chung"].rows
        cell = next(r for r in raw if r.number == rec["_row"]).get("Giá trị")
        if cell is None:
            if required:
                ck.at(rec, "Giá trị", f'mục "{name}" chưa có giá trị.')
            continue
        try:
            values[attr] = parse(cell)
            if attr == "year":
                check_year(values[attr], cell)
        except ValueError as exc:
            values.pop(attr, None)
            ck.at(rec, "Giá trị", f"{exc}.")
    for name, (_attr, _, required) in GENERAL.items():
        required = required if ck.required_items is None else name in ck.required_items
        if required and header_key(name) not in seen:
            ck.add(f'thiếu mục "{name}" (bắt buộc).', ck.raw.sheets["Chung"])
    _choice(ck, values, where, "inspection_part_of_day", "Buổi kiểm tra", {part: part for part in PARTS_OF_DAY})
    _choice(ck, values, where, "team_from_cluster", "Đoàn chấm theo Cụm chấm", YES_NO)
    start, end = values.get("meeting_start"), values.get("meeting_end")
    if start and end and end <= start:
        ck.at(
            where["meeting_end"],
            "Giá trị",
            f"giờ kết thúc họp ({end:%d/%m/%Y %H:%M}) phải sau giờ bắt đầu ({start:%d/%m/%Y %H:%M}).",
        )
    values["_where"] = where
    return values


def _new_code(ck: _Checker, rec: dict, first: dict[str, int], pattern: re.Pattern, malformed: str, label: str) -> bool:
    """Whether the row's `Mã` is well formed and not seen before; reports it when not."""
    code = rec["Mã"]
    if code is None:
        return False
    if not pattern.fullmatch(code):
        ck.at(rec, "Mã", malformed.format(code=code))
        return False
    if code in first:
        ck.at(rec, "Mã", f'{label} "{code}" bị trùng (đã có ở dòng {first[code]}).')
        return False
    twin = same_but_case(code, first)
    if twin is not None:
        ck.at(
            rec,
            "Mã",
            f'{label} "{code}" chỉ khác mã "{twin}" (dòng {first[twin]}) ở chữ hoa, '
            "chữ thường: tên tệp văn bản của hai mã sẽ trùng nhau; hãy dùng mã khác.",
        )
        return False
    first[code] = rec["_row"]
    return True


def _units(ck: _Checker) -> tuple[list[Unit], set[str] | None]:
    """The units, and every code the sheet names (None when the sheet is unusable).

    Other sheets are checked against the codes, so that one bad unit row is
    reported once, not again at every reference to it.
    """
    units: list[Unit] = []
    first: dict[str, int] = {}
    records = ck.records("Đơn vị")
    for rec in records or []:
        if not _new_code(
            ck, rec, first, UNIT_CODE, 'mã "{code}" chỉ được gồm chữ cái không dấu và chữ số (ví dụ PL).', "mã"
        ):
            continue
        if rec["Tên đơn vị"] and rec["Tên ngắn"]:
            units.append(Unit(rec["Mã"], rec["Tên đơn vị"], rec["Tên ngắn"]))
    ck.unit_order = dict(first)
    if records is not None and not first:
        ck.add("chưa có đơn vị nào.", ck.raw.sheets["Đơn vị"])
    return units, (set(first) if records is not None else None)


def _criteria(ck: _Checker) -> tuple[list[Criterion], set[str] | None, set[str] | None]:
    """The criteria, and the codes of all and of leaf criteria (None when unusable)."""
    rows = []
    first: dict[str, int] = {}
    records = ck.records("Tiêu chí")
    for rec in records or []:
        if not _new_code(
            ck, rec, first, CRITERION_CODE, 'mã tiêu chí "{code}" phải có dạng 1, 1.1, 1.2, 2…', "mã tiêu chí"
        ):
            continue
        if rec["Điểm tối đa"] is not None and rec["Điểm tối đa"] <= 0:
            ck.at(rec, "Điểm tối đa", "điểm tối đa phải lớn hơn 0.")
            continue
        rows.append(rec)
    codes = set(first)
    parents = {c.rsplit(".", 1)[0] for c in codes if "." in c}
    criteria = []
    for rec in rows:
        code = rec["Mã"]
        parent = code.rsplit(".", 1)[0] if "." in code else None
        if parent is not None and parent not in codes:
            ck.at(rec, "Mã", f'tiêu chí "{code}" thuộc nhóm "{parent}" nhưng chưa có nhóm đó.')
        if rec["Nội dung"] and rec["Điểm tối đa"]:
            criteria.append(Criterion(code, rec["Nội dung"], rec["Điểm tối đa"], parent, code in parents))
    for c in criteria:
        if c.is_group:
            children = [x for x in criteria if x.parent == c.code]
            total = sum(x.max for x in children)
            if children and abs(total - c.max) > 1e-9:
                ck.add(
                    f'điểm tối đa của nhóm "{c.code}" là {number(c.max)} nhưng tổng các '
                    f"tiêu chí con là {number(total)}.",
                    ck.raw.sheets["Tiêu chí"],
                    first[c.code],
                    "Điểm tối đa",
                )
    if records is None:
        return criteria, None, None
    if not first:
        ck.add("chưa có tiêu chí nào.", ck.raw.sheets["Tiêu chí"])
    return criteria, codes, codes - parents


def _grades(ck: _Checker) -> list[Grade]:
    records = ck.records("Xếp loại")
    if records is None:
        return list(DEFAULT_GRADES)
    grades = [Grade(r["Loại"], r["Điểm từ"], r["Tên"]) for r in records if r["Loại"] and r["Điểm từ"] is not None]
    first: dict[str, int] = {}
    for rec in records:  # the repeated label's own cell, and where it came first
        if rec["Loại"] and rec["Điểm từ"] is not None:
            if rec["Loại"] in first:
                ck.at(rec, "Loại", f'loại "{rec["Loại"]}" bị ghi hai lần (đã có ở dòng {first[rec["Loại"]]}).')
            first.setdefault(rec["Loại"], rec["_row"])
    grades.sort(key=lambda g: -g.min)
    lowest = [r for r in records if grades and r["Loại"] == grades[-1].label and r["Điểm từ"] == grades[-1].min]
    if grades and grades[-1].min > 0 and lowest:  # at the lowest grade's threshold
        ck.at(
            lowest[0],
            "Điểm từ",
            'thang xếp loại phải có một loại với "Điểm từ" là 0 '
            f'(loại thấp nhất, nay là "{grades[-1].label}" từ '
            f"{number(grades[-1].min)} điểm).",
        )
    elif not grades or grades[-1].min > 0:
        ck.add('thang xếp loại phải có một loại với "Điểm từ" là 0 (loại thấp nhất).', ck.raw.sheets["Xếp loại"])
    return grades


def _people(ck: _Checker, unit_codes: set[str] | None) -> list[Person]:
    people = []
    rows_of: dict[str, list[dict]] = {}  # role -> its people's rows
    records = ck.records("Người")
    for rec in records or []:
        role = rec["Vai trò"].lower() if rec["Vai trò"] else None
        if role is not None and role not in ROLES:
            ck.at(rec, "Vai trò", f'vai trò "{rec["Vai trò"]}" không hợp lệ; chọn một trong {_choices(ROLES)}.')
            continue
        if not _known(ck, rec, "Mã đơn vị", rec["Mã đơn vị"], unit_codes):
            continue
        if None not in (rec["Họ tên"], rec["Chức vụ"], rec["Mã đơn vị"], role):
            people.append(Person(rec["Họ tên"], rec["Chức vụ"], rec["Mã đơn vị"], role))
            rows_of.setdefault(role, []).append(rec)
    if records is not None:  # two chairs contradict each other; a missing one is a blank (_needs)
        for role in MEETING_ROLES:
            count = sum(p.role == role for p in people)
            for rec in rows_of.get(role, []) if count > 1 else []:  # one line, their cells
                ck.at(rec, "Vai trò", f'cuộc họp cụm cần đúng một người có vai trò "{role}"; hiện có {count}.')
    return people


def _schedule(ck: _Checker, units: list[Unit], unit_codes: set[str] | None, day) -> list[Inspection]:
    codes = [u.code for u in units]
    records = ck.records("Lịch kiểm tra")
    if records is None:
        if len(codes) < 2 or day is None:
            return []
        return [Inspection(code, codes[(i + 1) % len(codes)], None, day) for i, code in enumerate(codes)]
    schedule = []
    seen: dict[str, int] = {}
    for rec in records:
        inspected, inspector = rec["Đơn vị được kiểm tra"], rec["Đơn vị kiểm tra"]
        known = [
            _known(ck, rec, column, code, unit_codes)
            for column, code in (("Đơn vị được kiểm tra", inspected), ("Đơn vị kiểm tra", inspector))
        ]
        if not all(known) or inspected is None or inspector is None:
            continue
        if inspected == inspector:
            ck.at(rec, "Đơn vị kiểm tra", f"đơn vị {inspected} không được tự kiểm tra mình.")
            continue
        if inspected in seen:
            ck.at(rec, "Đơn vị được kiểm tra", f"đơn vị {inspected} đã có lịch kiểm tra ở dòng {seen[inspected]}.")
            continue
        seen[inspected] = rec["_row"]
        start: datetime | None = rec["Thời gian"]
        end: datetime | None = rec["Kết thúc"]
        if start is not None and not cells.has_time(start):
            moment_day, start = start.date(), None
        else:
            moment_day = start.date() if start else day
        if moment_day is None:
            ck.at(rec, "Thời gian", 'chưa có ngày kiểm tra (ghi ở đây hoặc ở mục "Ngày kiểm tra" của trang "Chung").')
            continue
        if end is not None and start is not None and end <= start:
            ck.at(rec, "Kết thúc", "giờ kết thúc phải sau giờ bắt đầu kiểm tra.")
            end = None
        schedule.append(Inspection(inspected, inspector, start, moment_day, end, rec["_row"]))
    return schedule


def _findings(ck: _Checker, unit_codes: set[str] | None) -> list[Remark]:
    findings = []
    for rec in ck.records("Nhận xét") or []:
        kind = rec["Loại"].lower() if rec["Loại"] else None
        if kind is not None and kind not in FINDING_KINDS:
            ck.at(rec, "Loại", f'loại nhận xét "{rec["Loại"]}" không hợp lệ; chọn một trong {_choices(FINDING_KINDS)}.')
            continue
        if not _known(ck, rec, "Mã đơn vị", rec["Mã đơn vị"], unit_codes):
            continue
        if None not in (rec["Mã đơn vị"], kind, rec["Nội dung"]):
            findings.append(Remark(rec["Mã đơn vị"], kind, rec["Nội dung"]))
    return findings


def _awards(ck: _Checker, unit_codes: set[str] | None) -> list[Award] | None:
    records = ck.records("Khen thưởng")
    if records is None:
        return None
    awards = []
    for rec in records:
        kind = rec["Đối tượng"].lower() if rec["Đối tượng"] else None
        if kind is not None and kind not in AWARD_KINDS:
            ck.at(rec, "Đối tượng", f'đối tượng "{rec["Đối tượng"]}" không hợp lệ; chọn {_choices(AWARD_KINDS)}.')
            continue
        if kind == "cá nhân" and not rec["Chức vụ"]:
            ck.at(rec, "Chức vụ", "cá nhân được đề nghị khen thưởng cần ghi chức vụ.")
            continue
        if not _known(ck, rec, "Mã đơn vị", rec["Mã đơn vị"], unit_codes):
            continue
        granted = _granted(ck, rec)
        if granted is None:
            continue
        if None not in (kind, rec["Tên"], rec["Mã đơn vị"], rec["Hình thức"]):
            awards.append(
                Award(
                    kind,
                    rec["Tên"],
                    rec["Chức vụ"],
                    rec["Mã đơn vị"],
                    rec["Hình thức"],
                    rec["Thành tích"],
                    rec["Mức thưởng"],
                    granted,
                )
            )
    return awards


def _granted(ck: _Checker, rec: dict) -> bool | None:
    """The optional `Quyết định` cell: `có` or blank = granted, `không` = not; None if bad."""
    value = rec.get("Quyết định")
    if value is None:
        return True
    if value.lower() not in GRANTED:
        ck.at(rec, "Quyết định", f'"{value}" không hợp lệ; ghi {_choices(GRANTED)} (để trống là có).')
        return None
    return GRANTED[value.lower()]


def _number_text(value) -> str | None:
    if value is None:
        return None
    return cells.as_text(value)


def _issuances(ck: _Checker) -> dict[str, Issuance]:
    out: dict[str, Issuance] = {}
    first: dict[str, int] = {}
    decisions: list[Issuance] = []  # every `quyet-dinh` row, one per granting authority
    for rec in ck.records("Văn bản") or []:
        kind = rec["Văn bản"]
        if kind is None:
            continue
        kind = document_row(kind)  # the code (ke-hoach) or the label (Kế hoạch kiểm tra chéo)
        if kind is None:
            ck.at(
                rec,
                "Văn bản",
                f'loại văn bản "{rec["Văn bản"]}" không hợp lệ; chọn một trong {_choices(document_labels().values())}.',
            )
            continue
        label = document_labels()[kind]
        if kind in first and not (
            kind == registry.DECISION
            and rec["Cơ quan ban hành"]
            and not any(_same_issuer(rec["Cơ quan ban hành"], other.issuer) for other in decisions)
        ):
            ck.at(
                rec,
                "Văn bản",
                f'dòng "{label}" bị ghi hai lần (đã có ở dòng {first[kind]}).'
                + (" Mỗi cơ quan ban hành quyết định chỉ một dòng." if kind == registry.DECISION else ""),
            )
            continue
        first.setdefault(kind, rec["_row"])
        if registry.kind(kind).administrative:
            for column in ("Cơ quan ban hành", "Viết tắt", "Địa danh"):
                if rec[column] is None:
                    ck.at(rec, column, f'dòng "{label}" cần ghi {column.lower()}.')
        moment: datetime | None = rec["Ngày"]
        sheet = rec["_sheet"]
        raw_number = next(r for r in sheet.rows if r.number == rec["_row"]).get("Số")
        place, wrong = issuers.checked_place(
            rec["Địa danh"] or "",
            rec["Cơ quan ban hành"] or "",
            rec["Cơ quan chủ quản"],
            moment.date() if moment else None,
        )
        if wrong:
            ck.warn_at([rec], "Địa danh", f'dòng "{label}": {wrong}')
        row = Issuance(
            kind=kind,
            managing_body=rec["Cơ quan chủ quản"],
            issuer=rec["Cơ quan ban hành"] or "",
            abbreviation=rec["Viết tắt"] or "",
            place=place,
            number=_number_text(raw_number),
            date=moment.date() if moment else None,
            moment=moment,
            authority=tuple(rec["Thẩm quyền"] or ()),
            signer_title=rec["Chức vụ ký"],
            signer=rec["Người ký"],
            addressees=tuple(rec["Kính gửi"] or ()),
            recipients=tuple(rec["Nơi nhận"] or ()),
            competence=tuple(rec.get("Căn cứ thẩm quyền") or ()),
            row=rec["_row"],
        )
        out.setdefault(kind, row)
        if kind == registry.DECISION:
            decisions.append(row)
    ck.decision_rows = tuple(decisions)
    return out


def _same_issuer(a: str, b: str) -> bool:
    return " ".join(a.upper().split()) == " ".join(b.upper().split())


PHOTO_HINT = "Tải ảnh lên (hoặc chép vào thư mục anh/) rồi tạo lại để có ảnh trong tin bài."


def _photos(ck: _Checker) -> list[Photo]:
    photos, missing = [], []
    for rec in ck.records("Ảnh") or []:
        name = rec["Tệp"]
        if name is None:
            continue
        if ck.raw.photos_outside:  # anh/ itself a link out of the campaign
            ck.at(
                rec,
                "Tệp",
                f"thư mục {PHOTOS_FOLDER}/ của đợt thi đua là lối tắt ra ngoài "
                "thư mục đợt: hãy chép ảnh vào một thư mục anh/ thật.",
            )
            continue
        found = ck.raw.photos.get(str(name))
        if found is None or not found.inside:
            ck.at(
                rec,
                "Tệp",
                f'ảnh "{name}" phải là một tệp trong thư mục anh/ của đợt thi đua '
                '(không ghi đường dẫn tuyệt đối, "../" hay lối tắt ra ngoài).',
            )
            continue
        # A photo that is missing or not a picture only leaves the news article without it.
        if not found.present:
            missing.append(rec)
            continue
        if found.path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            ck.warn_at([rec], "Tệp", f'ảnh "{name}" phải là tệp JPEG hoặc PNG; tin bài được tạo không có ảnh này.')
            continue
        photos.append(Photo(found.path, rec["Chú thích"] or "", rec["_row"]))
    if len(missing) == 1:  # one line for every photo not there yet (the photos come later)
        ck.warn_at(
            missing,
            "Tệp",
            f'không thấy tệp ảnh "{missing[0]["Tệp"]}" trong thư mục anh/ '
            f"của đợt thi đua; tin bài được tạo không có ảnh này. {PHOTO_HINT}",
        )
    elif missing:
        names = ", ".join(f'"{rec["Tệp"]}"' for rec in missing)
        ck.warn_at(
            missing,
            "Tệp",
            f"không thấy {len(missing)} tệp ảnh {names} trong thư mục anh/ "
            f"của đợt thi đua; tin bài được tạo không có các ảnh này. "
            f"{PHOTO_HINT}",
        )
    return photos
