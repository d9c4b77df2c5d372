"""Rules a văn thư sends documents back for that the element rules do not see:
the căn cứ block's punctuation, numbered paragraphs, text typed without
Vietnamese diacritics, template tags left in, blanks on a final document, and
each Phụ lục's title lines and page numbering (Phụ lục I §III.1)."""

from __future__ import annotations

import re

from .. import signing
from .rulekit import (
    CENTER,
    JUSTIFIED,
    Look,
    align_name,
    bare,
    cm,
    collapse,
    finding,
    first_line_room,
    has_diacritics,
    is_typed_rule,
    is_upper,
    line_twips,
)
from .locate import APPENDIX_LINE as APPENDIX
from .legacy import encoding_of
from .locate import Layout
from .wordfile import Doc, Para
from .rules_body import FIRST_LINE, HINT, _kinds

ARTICLE = re.compile(r"^(Điều|Dieu)\s+\d+[a-zđ]?\.")
NUMBERED_START = re.compile(r"^(\d+(\.\d+)*\.|[a-zđ]\))\s")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%")
MERGE_TAG = re.compile(r"«[^«»\n]{1,60}»|#[A-Z][A-Z0-9_]{2,40}#")  # «dia_diem», #TITLE#: not merged
MERGEFIELD = re.compile(r"^\s*MERGEFIELD\s+(\"[^\"]*\"|\S+)", re.IGNORECASE)
APPENDIX_ROMAN = re.compile(r"^phu luc\s+[ivxlc]+\s*$")
APPENDIX_LOOK = Look(sizes=(14, 14), bold=True, italic=False, align=CENTER)
APPENDIX_TITLE_LOOK = Look(sizes=(13, 14), bold=True, italic=False, align=CENTER, upper=True)
APPENDIX_NOTE_LOOK = Look(sizes=(13, 14), italic=True, align=CENTER)

# Syllables that, written correctly, nearly always carry a diacritic; a line made
# of them in plain ASCII was typed without Vietnamese diacritics.
_BARE_WORDS = set(
    """
so ngay thang nam cong hoa xa hoi chu nghia viet doc lap tu hanh phuc bo tai chinh uy ban nhan
dan ke hoach bien to trinh quyet dinh noi gui kinh luu can cu thong bao cao quan phuong huyen
tinh thanh pho truong pho phong giam doc dong chi van thu tru kiem tra thi dua khen thuong
nghi tham hop ve viec thuc hien cua va cac nhung duoc trong theo de nhu tren ha ngu
""".split()
)
_NOT_BARE = {"so", "to", "do", "can", "de", "ban", "ha", "nam", "thi", "van"}  # also other words
FINAL_NUMBER = re.compile(r"^S[ốo]:\s*/")


def check_can_cu(doc: Doc, lay: Layout):
    """The căn cứ block: `;` after each line, `.` after the last (Mẫu 1.2)."""
    block = []
    for para, kind in zip(lay.body, _kinds(lay.body)):
        if kind in ("kinh-gui", "heading") and not block:  # Kính gửi; the authority of Mẫu 1.2
            continue
        if kind != "can-cu":
            break
        block.append(para)
    for i, para in enumerate(block):
        end = "." if i == len(block) - 1 else ";"
        text = collapse(para.text)
        if not text.endswith(end) or text.endswith(("./.", "..")):
            which = "Dòng căn cứ cuối cùng" if end == "." else "Mỗi dòng căn cứ"
            yield finding(
                "can-cu-dau-cau",
                para,
                f'{which} phải kết thúc bằng dấu "{end}" (căn cứ nào cũng kết thúc bằng '
                '";", dòng cuối của phần căn cứ bằng ".").',
            )


def check_numbered(doc: Doc, lay: Layout):
    """Paragraphs that open with `Điều N.`, `1.`, `a)`: justified, first line
    indented 1–1.27 cm, and `Điều N.` bold (Phụ lục I §II.6.đ)."""
    for para in lay.body:
        text = para.text
        article = ARTICLE.match(text)
        if not article and not NUMBERED_START.match(text):
            continue
        line = para.lines[0]
        one_line = len([ln for ln in para.lines if ln.text]) == 1 and line_twips(line) <= first_line_room(line)
        if para.props.alignment not in JUSTIFIED and not (one_line and para.props.alignment == "left"):
            yield finding(
                "dieu-khoan-can-deu",
                para,
                f"Điều, khoản, điểm phải căn đều hai bên; đang {align_name(para.props.alignment)}.",
            )
        start = para.props.ind_left + _first_line(para)
        lo, hi = FIRST_LINE
        if not lo <= start <= hi:
            now = "không thụt đầu dòng" if start == 0 else f"đầu dòng cách lề {cm(start)}"
            yield finding(
                "dieu-khoan-thut-dau-dong", para, f"Dòng đầu của điều, khoản, điểm phải lùi vào 1–1,27 cm; đang {now}."
            )
        if article:
            runs = _runs_of(para, article.end())
            if runs and not all(r.props.bold for r in runs):
                yield finding(
                    "dieu-dinh-dang", para, f'"{article.group(0)}" phải in đậm (số thứ tự và tiêu đề của điều).'
                )


def _first_line(para: Para) -> float:
    props = para.props
    if props.first_line_chars is not None:
        size = next((r.props.size for r in para.runs if r.text.strip()), 13)
        return props.first_line_chars / 100 * size * 20
    return props.first_line


def _runs_of(para: Para, length: int) -> list:
    """The runs carrying the first `length` characters of the paragraph's text (ink only)."""
    out, seen = [], 0
    for run in para.runs:
        if seen >= length:
            break
        text = run.text if seen else run.text.lstrip()
        if text.strip():
            out.append(run)
        seen += len(text)
    return out


def _typed_bare(text: str) -> bool:
    """`text` reads as Vietnamese typed without diacritics."""
    if has_diacritics(text):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    known = [w for w in words if w.lower() in _BARE_WORDS]
    strong = [w for w in known if w.lower() not in _NOT_BARE]
    return len(words) >= 2 and len(known) >= max(2, len(words) // 2) and bool(strong)


NAME_WORDS = 4  # a person's or a place's name: at most this many words, each capitalised
# Words of a body's or a level's name (`QUAN LONG BIEN`, `UY BAN NHAN DAN`): a line with one
# is not a name alone.
LEVEL_WORDS = {"quan", "phuong", "huyen", "tinh", "xa", "uy", "ban", "nhan", "dan", "pho", "tran", "ubnd"}


def _a_name(text: str) -> bool:
    """`text` is a name alone (`Cao Thu Trinh`, `PHAN CHU TRINH`): Vietnamese names are
    often written right without marks, so in a document typed in Unicode such a line is
    not text typed without them."""
    words = text.strip(" .,;:").split()
    return (
        2 <= len(words) <= NAME_WORDS
        and all(w.isalpha() and w[0].isupper() for w in words)
        and not any(w.lower() in LEVEL_WORDS for w in words)
    )


def check_diacritics(doc: Doc, lay: Layout):
    """Text typed without Vietnamese diacritics: the elements found only by their
    bare spelling (`So:`, `CONG HOA …`, `Ha Noi, ngay …`), then any paragraph that
    reads as Vietnamese without them."""
    named = [lay.quoc_hieu, lay.tieu_ngu, lay.so, lay.date, lay.type_line, lay.noi_nhan]
    seen = set()
    lines = [ln for ln in named if ln is not None and not has_diacritics(ln.text)]
    unicode_text: list = []  # whether most lines of three words or more have marks: asked once

    def typed_in_unicode() -> bool:
        if not unicode_text:
            wordy = [ln for ln in lay.lines if len(ln.text.split()) >= 3]
            unicode_text.append(sum(has_diacritics(ln.text) for ln in wordy) * 2 > len(wordy))
        return unicode_text[0]

    lines += [
        ln
        for ln in lay.lines
        if _typed_bare(ln.text) and not is_typed_rule(ln.text) and not (_a_name(ln.text) and typed_in_unicode())
    ]
    for line in sorted(lines, key=lambda ln: ln.para.order):
        if id(line.para) in seen:
            continue
        seen.add(id(line.para))
        yield finding(
            "chu-khong-dau", line, "Chữ tiếng Việt phải gõ đủ dấu (Unicode, TCVN 6909:2001); dòng này gõ không dấu."
        )


def check_template_tags(doc: Doc, lay: Layout):
    """`{{ … }}`, `{% … %}` left in: a template that was not filled in; a mail-merge
    field (MERGEFIELD) or its `«name»` left in: a merge that was not run."""
    for para in doc.paras + doc.margin_paras:
        m = TAG.search(para.text)
        if m:
            yield finding("the-mau-con-sot", para, f'Văn bản còn thẻ của mẫu chưa được điền: "{m.group(0)[:40]}".')
            continue
        merge = next((f for f in para.fields if MERGEFIELD.match(f.instr)), None)
        m = MERGE_TAG.search(para.text)
        if merge is not None or m:
            name = m.group(0) if m else "«" + MERGEFIELD.match(merge.instr).group(1).strip('"') + "»"
            yield finding(
                "tron-thu-con-sot",
                para,
                f'Văn bản còn trường trộn thư chưa được trộn: "{name[:40]}" (chạy trộn thư '
                "(Mail Merge) rồi lưu văn bản đã trộn, hoặc gõ nội dung thay cho trường).",
            )


def check_final(doc: Doc, lay: Layout):
    """--final: no blank number or date left for the clerk."""
    if not lay.final:
        return
    if lay.so is not None and FINAL_NUMBER.match(collapse(lay.so.text)):
        yield finding(
            "so-ky-hieu-trong", lay.so, "Văn bản ban hành (--final) phải ghi số văn bản; đang để trống chỗ số."
        )
    if lay.date is not None:
        m = re.search(r"ng[àa]y\s*(\S*)\s*th[áa]ng\s*(\S*)\s*n[ăa]m", collapse(lay.date.text))
        if m is None or not (m.group(1).isdigit() and m.group(2).isdigit()):
            yield finding(
                "ngay-thang-trong",
                lay.date,
                "Văn bản ban hành (--final) phải ghi đủ ngày, tháng, năm ban hành; đang để trống.",
            )


def appendices(doc: Doc, lay: Layout) -> list:
    """The `Phụ lục` lines that open each appendix (after the signature)."""
    if lay.appendix_only:
        return [p for p in doc.paras if p.container.kind == "body" and APPENDIX.match(bare(p.text))]
    after = lay.signature_table.first_order if lay.signature_table is not None else None
    if after is None and lay.body:
        after = lay.body[-1].order
    if after is None:
        return []
    return [p for p in doc.paras if p.order > after and p.container.kind == "body" and APPENDIX.match(bare(p.text))]


def check_appendices(doc: Doc, lay: Layout):
    """Each Phụ lục: `Phụ lục` on its own line, its title, the `(Kèm theo …)`
    line (§III.1.b–c), Roman numbers when there are several (§III.1.a), and its
    own page numbering (§III.1.đ)."""
    found = appendices(doc, lay)
    main_section = lay.body[-1].section if lay.body else 0
    for para in found:
        if len(found) > 1 and not APPENDIX_ROMAN.match(bare(para.text)):
            yield finding(
                "phu-luc-so-thu-tu",
                para,
                "Văn bản có từ hai Phụ lục trở lên thì các Phụ lục phải đánh số thứ tự bằng chữ "
                "số La Mã (Phụ lục I, Phụ lục II…).",
            )
        line = para.lines[0]
        problems = APPENDIX_LOOK.problems(line)
        if is_upper(para.text):
            problems.insert(0, "viết in hoa")
        if problems:
            yield finding(
                "phu-luc-dinh-dang",
                para,
                'Từ "Phụ lục" và số thứ tự phải là một dòng riêng, chữ in thường, '
                f"{APPENDIX_LOOK.describe()}; đang: {', '.join(problems)}.",
            )
        title, note = _appendix_lines(para)
        for tl in title:
            yield APPENDIX_TITLE_LOOK.check("phu-luc-ten-dinh-dang", tl, "Tên Phụ lục")
        if note is None:
            yield finding(
                "phu-luc-chi-dan",
                title[-1] if title else para,
                'Dưới tên Phụ lục phải có dòng chỉ dẫn "(Kèm theo … số … ngày … tháng … năm … '
                'của …)": số, ký hiệu, ngày ban hành và cơ quan ban hành văn bản.',
            )
        else:
            yield APPENDIX_NOTE_LOOK.check(
                "phu-luc-chi-dan-dinh-dang", note, "Dòng chỉ dẫn kèm theo văn bản của Phụ lục"
            )
        section = doc.sections[para.section]
        if lay.appendix_only:
            continue  # a file of its own numbers its own pages
        if para.section == main_section:
            yield finding(
                "phu-luc-so-trang",
                para,
                "Số trang của Phụ lục phải đánh riêng (Phụ lục I, mục III.1.đ): đặt Phụ lục "
                "trong một phần (section) mới, đánh số trang lại từ đầu; đang nối tiếp số "
                "trang của văn bản.",
            )
        elif section.page_start is None:
            yield finding(
                "phu-luc-so-trang",
                para,
                "Số trang của Phụ lục phải đánh riêng (Phụ lục I, mục III.1.đ): phần (section) "
                "của Phụ lục phải bắt đầu lại số trang (Bắt đầu tại 1); đang nối tiếp.",
            )


def _appendix_lines(para: Para):
    """The title lines and the `(Kèm theo …)` line under a `Phụ lục` line."""
    title, note = [], None
    nxt = para.next()
    while nxt is not None and len(title) < 4:
        text = nxt.text
        if not text or is_typed_rule(text):
            if title or note:
                break
            nxt = nxt.next()
            continue
        if bare(text).lstrip("( ").startswith(("kem theo", "ban hanh kem theo")):
            note = nxt.lines[0]
            break
        if not is_upper(text) and title:
            break
        title += [ln for ln in nxt.lines if ln.text]
        nxt = nxt.next()
    return title, note


# ---------------------------------------------------------------------------- decisions, signing authority

RESOLVES = re.compile(r"^(quyet dinh|quyet nghi|nghi quyet)\s*:")  # the line before the articles


def _authority(lay: Layout):
    """The authority line under a decision's title (Mẫu 1.2: `CHỦ TỊCH ỦY BAN NHÂN DÂN …`):
    the upper-case paragraph before the căn cứ block, or None."""
    for para, kind in zip(lay.body, _kinds(lay.body)):
        text = collapse(para.text)
        if RESOLVES.match(bare(text)) or kind in ("can-cu", "text", "item"):
            return None
        if kind == "heading" and is_upper(text) and not ARTICLE.match(text):
            return para
    return None


def check_decision(doc: Doc, lay: Layout):
    """A quyết định (Mẫu 1.2, 1.3) states who decides (ô 5a, its authority line) and on
    what grounds (the căn cứ block) before `QUYẾT ĐỊNH:`."""
    if lay.type_name != "QUYẾT ĐỊNH" or not lay.body:
        return
    kinds = _kinds(lay.body)
    resolves = next((i for i, p in enumerate(lay.body) if RESOLVES.match(bare(collapse(p.text)))), None)
    if resolves is None:
        return  # not laid out as Mẫu 1.2: nothing to tell where the preamble ends
    where = lay.body[resolves]
    if _authority(lay) is None:
        yield finding(
            "quyet-dinh-tham-quyen",
            lay.body[0],
            "Quyết định phải ghi thẩm quyền ban hành (chức vụ của người đứng đầu hoặc tên "
            'tập thể lãnh đạo, in hoa, in đậm, căn giữa: "CHỦ TỊCH ỦY BAN NHÂN DÂN …", '
            '"GIÁM ĐỐC SỞ …") dưới trích yếu, trên phần căn cứ (Mẫu 1.2).',
        )
    if "can-cu" not in kinds[:resolves]:
        yield finding(
            "quyet-dinh-can-cu",
            where,
            'Quyết định phải có phần căn cứ ban hành ("Căn cứ …;", "Theo đề nghị của ….") '
            'trước dòng "QUYẾT ĐỊNH:" (Mẫu 1.2).',
        )


def _decides(lay: Layout):
    """Who decides in the document: INDIVIDUAL when its authority line reads `CHỦ TỊCH …`,
    `GIÁM ĐỐC …` (the head as an individual), COLLECTIVE when it names a collective body,
    None when it cannot be told."""
    authority = _authority(lay) if lay.type_name in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT") else None
    if authority is None:
        return None
    text = collapse(authority.text).upper()
    if text.startswith(signing.HEAD_TITLES):
        return signing.INDIVIDUAL
    if signing.is_collective_body(text):
        return signing.COLLECTIVE
    return None


def _signature_authority_lines(lay: Layout) -> list:
    """The signature's authority and title lines (ô 7a): the upper-case lines before the name."""
    if lay.signature_lines:
        lines = list(lay.signature_lines)
    elif lay.signature_table is not None:
        cells = [c for c in lay.signature_table.cells() if lay.noi_nhan is None or lay.noi_nhan.para.container is not c]
        cell = next((c for c in reversed(cells) if any(p.text for p in c.paras)), None)
        lines = [ln for p in cell.paras for ln in p.lines] if cell is not None else []
    else:
        return []
    out = []
    for ln in lines:
        if not ln.text or HINT.match(ln.text):
            continue
        if not is_upper(ln.text):
            break
        out.append(ln)
    return out


def check_signing_authority(doc: Doc, lay: Layout):
    """TM., KT., Q., TL., TUQ. as Phụ lục I §II.7.b says (pipeline/signing.py, the table the
    documents are written with): `TM.` only before a collective, never above an
    individual's own decision; the others before the head's title."""
    if lay.is_bien_ban or not lay.issuer:
        return
    lines = _signature_authority_lines(lay)
    if not lines:
        return
    issuer = " ".join(collapse(ln.text) for ln in lay.issuer)
    problems = signing.problems([ln.text for ln in lines], issuer, _decides(lay))
    head = signing.head_title_of(issuer)
    managing = [signing.head_title_of(collapse(ln.text)) for ln in lay.managing]
    for ln in lines:  # `KT. GIÁM ĐỐC` in a document of an Ủy ban nhân dân, whose head is its Chủ tịch
        m = signing.PREFIX.match(collapse(ln.text).upper())
        rest = collapse(ln.text).upper()[m.end() :] if m else ""
        prefix = m.group(1).upper() + "." if m else ""
        # only a deputy's or an acting head's signature: TL./TUQ. may sign for a superior's head
        if (
            not m
            or prefix not in ("KT.", "Q.")
            or head is None
            or rest.startswith(head)
            or any(h and rest.startswith(h) for h in managing)
        ):
            continue
        other = next((t for t in signing.HEAD_TITLES if rest.startswith(t)), None)
        if other is not None:
            problems.append(
                f"“{prefix}” đứng trước chức vụ “{other}” nhưng người đứng đầu {issuer} là "
                f"“{head}”: " + signing.BY_PREFIX[prefix].text
            )
    for problem in problems:
        yield finding("chu-ky-tham-quyen", lines[0], problem + " (Phụ lục I, mục II.7.b).")


def check_legacy(doc, lay):
    """One finding for a document typed in a legacy font encoding (its text is read as
    Unicode for the other rules)."""
    if not doc.legacy:
        return
    names = ", ".join(f"{font} ({encoding_of(font)})" for font in doc.legacy)
    first = next(iter(doc.legacy.values()))
    target = first if first.order >= 0 else f"{first.container.label}"
    yield finding(
        "bang-ma-cu",
        target,
        f"Văn bản gõ bằng phông chữ bảng mã cũ {names}, không phải phông chữ tiếng Việt "
        "Unicode theo TCVN 6909:2001 như Nghị định 30/2020/NĐ-CP quy định: chuyển mã sang "
        "Unicode (ví dụ bằng công cụ chuyển mã của Unikey) và dùng phông Times New Roman. "
        "Chữ đã được đọc theo bảng mã cũ để kiểm tra các mục khác.",
    )
