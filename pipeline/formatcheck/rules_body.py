"""Rules from the type name down: trích yếu, body, Kính gửi, signature, Nơi nhận."""

from __future__ import annotations

import re

from .rulekit import (
    CENTER,
    JUSTIFIED,
    LEFT_OR_JUSTIFIED,
    Look,
    align_name,
    bare,
    check_rule_under,
    cm,
    collapse,
    finding,
    is_upper,
    line_height,
    num,
)
from .locate import KINDS, Layout
from .wordfile import Doc, Para

TYPE_LOOK = Look(sizes=(13, 14), bold=True, italic=False, align=CENTER, upper=True)
TRICH_YEU_LOOK = Look(sizes=(13, 14), bold=True, italic=False, align=CENTER)
ATTACHED_LOOK = Look(sizes=(13, 14), italic=True, align=CENTER)
VV_LOOK = Look(sizes=(12, 13), italic=False, align=CENTER)
KINH_GUI_LOOK = Look(sizes=(13, 14), italic=False)
SIGN_LOOK = Look(sizes=(13, 14), bold=True, italic=False, align=CENTER)
NOI_NHAN_LOOK = Look(sizes=(12, 12), bold=True, italic=True, align=LEFT_OR_JUSTIFIED)
ENTRY_LOOK = Look(sizes=(11, 11), italic=False)

FIRST_LINE = (567 - 10, 720 + 10)  # 1–1.27 cm, twips, with 10 twips of slack
MIN_PARA_GAP = 120 - 2  # 6 pt
SIGNATURE_GAP = 850  # 1.5 cm of room for the signature
ROMAN_HEADING = re.compile(r"^[IVXLCDM]+\.\s")
ROMAN_LOOK = Look(bold=True, upper=True)
HEADING = re.compile(r"^([IVXLCDM]+\.|(Phần|Chương|Mục|Điều)\s+[\dIVXLCDM]+)")
NUMBERED = re.compile(r"^(\d+(\.\d+)*\.|\d+(\.\d+)+|[a-zđ]\))\s")
ITEM = re.compile(r"^[-+•–]\s*")
HINT = re.compile(r"^\(.*\)$")  # (Ký, ghi rõ họ tên), (Đã ký)
LUU_VT = re.compile(r"^[-+]?\s*Lưu\s*:\s*VT\b")


def check_type_name(doc: Doc, lay: Layout):
    if lay.kind is not None and lay.type_line is not None and lay.type_name != KINDS[lay.kind]:
        said = KINDS[lay.kind].lower() if KINDS[lay.kind] else "công văn (không có tên loại)"
        yield finding(
            "ten-loai-khong-khop",
            lay.type_line,
            f'Văn bản được chỉ định là {said} (--kind {lay.kind}) nhưng tên loại là "{lay.type_line.text}".',
        )
    if lay.type_line is None:
        if not lay.is_cong_van and lay.official:
            yield finding(
                "ten-loai-thieu",
                lay.date or lay.so or lay.quoc_hieu,
                "Thiếu tên loại văn bản (KẾ HOẠCH, BIÊN BẢN, TỜ TRÌNH…) in hoa, in đậm, "
                "căn giữa dưới phần đầu văn bản.",
            )
        return
    yield TYPE_LOOK.check("ten-loai-dinh-dang", lay.type_line, "Tên loại văn bản")


def check_trich_yeu(doc: Doc, lay: Layout):
    if lay.is_cong_van:
        if not lay.trich_yeu:
            yield finding("trich-yeu-thieu", lay.so, 'Công văn phải có trích yếu nội dung "V/v …" dưới số, ký hiệu.')
        else:
            yield VV_LOOK.check("trich-yeu-dinh-dang", lay.trich_yeu[0], "Trích yếu công văn")
        return
    if lay.type_line is None:
        return
    if not lay.trich_yeu:
        yield finding(
            "trich-yeu-thieu",
            lay.type_line,
            "Dưới tên loại văn bản phải có trích yếu nội dung: chữ thường, in đậm, căn giữa.",
        )
        return
    if lay.attached is not None:
        yield ATTACHED_LOOK.check("kem-theo-dinh-dang", lay.attached, 'Dòng "(Kèm theo Quyết định số …)"')
    for line in lay.trich_yeu:
        problems = TRICH_YEU_LOOK.problems(line)
        if is_upper(line.text) and not only_tag(line.text):  # `#TITLE#`: the case is the merge's
            problems.insert(0, "viết in hoa")
        if problems:
            yield finding(
                "trich-yeu-dinh-dang",
                line,
                f"Trích yếu nội dung phải viết chữ thường, {TRICH_YEU_LOOK.describe()}; đang: {', '.join(problems)}.",
            )
    # with a `(Kèm theo …)` line, the rule goes under it
    yield check_rule_under("trich-yeu-gach-duoi", lay.trich_yeu, "trích yếu", short=True, below=lay.attached)


# A line that is nothing but a template's or a mail merge's field (`#TITLE#`, `«noi_dung»`,
# `{{ body }}`): what the merge will put there is not known (tron-thu-con-sot names it).
_ONLY_TAG = re.compile(r"\s*(#[A-Z][A-Z0-9_]{2,40}#|«[^«»\n]{1,60}»|\{\{.*?\}\})\s*")


def only_tag(text: str) -> bool:
    return _ONLY_TAG.fullmatch(text) is not None


# ---------------------------------------------------------------------------- body


PROPOSED_BY = re.compile(r"^(theo|xet) (de nghi|to trinh)\b")  # the last line of a căn cứ block
RESOLVES = re.compile(r"^(quyet dinh|quyet nghi|nghi quyet)\s*:")  # `QUYẾT ĐỊNH:` after the căn cứ
ATTACHED = re.compile(r"^\(?\s*(ban hanh )?kem theo\b")  # `(Ban hành kèm theo Quyết định số …)`


def body_kind(para: Para) -> str:
    text = para.text
    if bare(text).startswith("kinh gui"):
        return "kinh-gui"
    if HEADING.match(text) or is_upper(text):
        return "heading"
    if NUMBERED.match(text) or ITEM.match(text) or para.props.num is not None:
        return "item"  # numbered in its text, or by Word's list numbering (not in the text)
    if bare(text).startswith("can cu"):
        return "can-cu"
    return "text"


def _kinds(body: list) -> list:
    """body_kind() of each paragraph; the `-` lines right after Kính gửi belong to it.

    The căn cứ block (Mẫu 1.2) is every paragraph of text between the first `Căn cứ …`
    (or `Theo đề nghị …`) and `QUYẾT ĐỊNH:`, also a line without the word `Căn cứ`; without
    a `QUYẾT ĐỊNH:` line, the lines after a căn cứ that end with `;` and the closing
    `Theo đề nghị …`. The title of an attached text (`QUY ĐỊNH …`, its trích yếu and
    `(Ban hành kèm theo …)`) is a title, not body text."""
    kinds = []
    resolves = next((i for i, p in enumerate(body) if RESOLVES.match(bare(p.text))), None)
    for i, para in enumerate(body):
        kind = body_kind(para)
        plain = bare(para.text)
        if kinds and kinds[-1] == "kinh-gui" and para.text.startswith("-"):
            kind = "kinh-gui"
        elif kind == "text" and PROPOSED_BY.match(plain) and (resolves is None or i < resolves):
            kind = "can-cu"  # `Theo đề nghị của …` closes the căn cứ block (Mẫu 1.2), italic as it is
        elif kind == "text" and "can-cu" in kinds and resolves is not None and i < resolves:
            kind = "can-cu"
        elif kind == "text" and kinds and kinds[-1] == "can-cu" and collapse(para.text).endswith(";"):
            kind = "can-cu"
        elif kind != "heading" and ATTACHED.match(plain) and para.props.alignment == "center":
            kind = "title"
            if kinds and kinds[-1] == "text" and body[i - 1].props.alignment == "center":
                kinds[-1] = "title"  # the attached text's trích yếu, above the line
        kinds.append(kind)
    return kinds


def check_body(doc: Doc, lay: Layout):
    for para, kind in zip(lay.body, _kinds(lay.body)):
        if kind == "kinh-gui":
            continue
        yield from _check_size(para)
        if kind == "title":  # an attached text's title lines: centred, set apart
            continue
        if ROMAN_HEADING.match(para.text):
            yield ROMAN_LOOK.check("de-muc-dinh-dang", para.lines[0], "Đề mục đánh số La Mã (I, II…)")
        if kind in ("text", "can-cu"):
            if para.props.alignment not in JUSTIFIED:
                yield finding(
                    "noi-dung-can-deu", para, f"Đoạn văn phải căn đều hai bên; đang {align_name(para.props.alignment)}."
                )
            yield from _check_indent(para)
        elif kind == "item" and not NUMBERED.match(para.text) and para.props.alignment not in LEFT_OR_JUSTIFIED:
            yield finding(
                "noi-dung-can-deu",
                para,
                f"Mục, đề mục trong nội dung phải căn đều hai bên hoặc căn trái; đang "
                f"{align_name(para.props.alignment)}.",
            )
        if kind == "text":
            runs = [r for r in para.runs if r.text.strip()]
            if runs and all(r.props.italic for r in runs):
                yield finding("noi-dung-nghieng", para, "Nội dung văn bản phải kiểu chữ đứng, không in nghiêng.")
        yield from _check_spacing(para)
        yield from _check_line_spacing(para)
    if lay.body and not lay.body_closed and lay.official and not only_tag(lay.body[-1].text):
        yield finding("noi-dung-ket-thuc", lay.body[-1], 'Phần nội dung văn bản phải kết thúc bằng dấu "./.".')


def _check_size(para: Para):
    sizes = sorted({r.props.size for r in para.runs if r.text.strip()})
    if any(not 13 <= s <= 14 for s in sizes):
        yield finding(
            "noi-dung-co-chu",
            para,
            f"Nội dung văn bản phải cỡ chữ 13–14; đang cỡ chữ {', '.join(num(s) for s in sizes)}.",
        )


def _check_indent(para: Para):
    props = para.props
    first = props.first_line
    if props.first_line_chars is not None:
        size = next((r.props.size for r in para.runs if r.text.strip()), 13)
        first = props.first_line_chars / 100 * size * 20
    lo, hi = FIRST_LINE
    if not lo <= first <= hi:
        now = "không thụt đầu dòng" if first == 0 else ("thụt treo" if first < 0 else f"thụt {cm(first)}")
        yield finding("noi-dung-thut-dau-dong", para, f"Dòng đầu đoạn văn phải lùi vào 1–1,27 cm; đang {now}.")


def _check_spacing(para: Para):
    props = para.props
    before, after = props.before, props.after
    if props.contextual:  # Word drops the spacing next to a paragraph of the same style
        prev, nxt = para.next(-1), para.next()
        if prev is not None and prev.props.style_id == props.style_id:
            before = 0
        if nxt is not None and nxt.props.style_id == props.style_id:
            after = 0
    if before + after < MIN_PARA_GAP:
        yield finding(
            "noi-dung-khoang-cach",
            para,
            "Khoảng cách giữa các đoạn văn phải tối thiểu 6 pt; đang "
            f"{num(before / 20)} pt trước, {num(after / 20)} pt sau.",
        )


def _check_line_spacing(para: Para):
    props = para.props
    sizes = [r.props.size for r in para.runs if r.text.strip()] or [13]
    single = max(sizes) * 20 * 1.15
    if props.line_rule == "exact":
        ok, now = max(sizes) * 20 <= props.line <= single * 1.5 + 20, f"chính xác {num(props.line / 20)} pt"
    elif props.line_rule == "atLeast":
        ok, now = props.line <= single * 1.5 + 20, f"tối thiểu {num(props.line / 20)} pt"
    else:
        ok, now = 235 <= props.line <= 365, f"{num(props.line / 240, 2)} dòng"
    if not ok:
        yield finding(
            "noi-dung-gian-dong", para, f"Khoảng cách giữa các dòng phải từ một dòng (single) đến 1,5 dòng; đang {now}."
        )


def check_kinh_gui(doc: Doc, lay: Layout):
    block = [p for p, kind in zip(lay.body, _kinds(lay.body)) if kind == "kinh-gui"]
    for para in block:
        for line in para.lines:
            if line.text:
                yield KINH_GUI_LOOK.check("kinh-gui-dinh-dang", line, "Kính gửi")
    entries = [ln for p in block for ln in p.lines if ln.text.startswith("-")]
    for i, line in enumerate(entries):
        end = "." if i == len(entries) - 1 else ";"
        if not collapse(line.text).endswith(end):
            yield finding(
                "kinh-gui-dau-cau",
                line,
                'Khi kính gửi nhiều nơi, mỗi nơi một dòng bắt đầu bằng "-", kết thúc bằng '
                f'";", nơi cuối cùng bằng "."; dòng này phải kết thúc bằng "{end}".',
            )


# ---------------------------------------------------------------------------- signature, Nơi nhận


def check_signature(doc: Doc, lay: Layout):
    table = lay.signature_table
    if table is None and lay.attached is not None:
        return  # a text issued with a decision is signed on the decision
    if table is None and lay.signature_lines:  # laid out with tabs beside the Nơi nhận
        for line in lay.signature_lines:
            if not HINT.match(line.text):
                yield SIGN_LOOK.check("chu-ky-dinh-dang", line, "Thẩm quyền, chức vụ và họ tên người ký")
        return
    if table is None:
        if lay.official:
            yield finding(
                "chu-ky-thieu",
                lay.body[-1] if lay.body else "cuối văn bản",
                "Không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên người ký) ở cuối văn bản, bên phải.",
            )
        return
    for cell in table.cells():
        if lay.noi_nhan is not None and lay.noi_nhan.para.container is cell:
            continue
        seq = [ln for p in cell.paras for ln in p.lines]
        signed = [ln for ln in seq if ln.text and not HINT.match(ln.text)]
        for line in signed:
            yield SIGN_LOOK.check("chu-ky-dinh-dang", line, "Thẩm quyền, chức vụ và họ tên người ký")
        if len(signed) >= 2 and not is_upper(signed[-1].text):
            title, name = signed[-2], signed[-1]
            gap = _gap(seq, title, name)
            if gap < SIGNATURE_GAP:
                yield finding(
                    "chu-ky-khoang-trong",
                    name,
                    f"Giữa chức vụ và họ tên người ký phải chừa chỗ ký (khoảng 2–3 cm); đang khoảng {cm(gap)}.",
                )


def _gap(seq: list, title, name) -> float:
    """Estimated height of the room between the title line and the name line."""
    between = seq[seq.index(title) + 1 : seq.index(name)]
    gap = sum(line_height(ln.para) for ln in between)
    paras = []
    for ln in between:
        if ln.para not in (title.para, name.para) and ln.para not in paras:
            paras.append(ln.para)
    gap += sum(p.props.before + p.props.after for p in paras)
    if title.para is not name.para:
        gap += title.para.props.after + name.para.props.before
    return gap


def check_noi_nhan(doc: Doc, lay: Layout):
    head = lay.noi_nhan
    if head is None:
        if not lay.is_bien_ban and lay.official and lay.attached is None:
            cells = lay.signature_table.cells() if lay.signature_table else []
            target = cells[0].paras[0] if cells and cells[0].paras else "cuối văn bản"
            yield finding("noi-nhan-thieu", target, 'Thiếu "Nơi nhận:" và danh sách nơi nhận ở cuối văn bản, bên trái.')
        return
    problems = NOI_NHAN_LOOK.problems(head)
    if collapse(head.text) != "Nơi nhận:":
        problems.insert(0, f'viết "{collapse(head.text)}"')
    if problems:
        yield finding(
            "noi-nhan-dinh-dang",
            head,
            f'Từ "Nơi nhận:" phải viết đúng như vậy, {NOI_NHAN_LOOK.describe()}; đang: {", ".join(problems)}.',
        )
    entries = lay.noi_nhan_entries
    for i, entry in enumerate(entries):
        for line in entry:
            yield ENTRY_LOOK.check("noi-nhan-muc-dinh-dang", line, "Tên nơi nhận")
        last = i == len(entries) - 1
        line = entry[-1]  # an entry that wraps is one entry: its last line ends it
        text = collapse(" ".join(ln.text for ln in entry))
        end = "." if last else ";"
        wrong = []
        if not re.match(r"^[-+] \S", text):
            wrong.append('bắt đầu bằng gạch đầu dòng "- "')
        if not text.endswith(end):
            wrong.append(f'kết thúc bằng "{end}"')
        if wrong:
            which = 'Nơi nhận cuối cùng ("- Lưu: …")' if last else "Mỗi nơi nhận"
            yield finding("noi-nhan-muc-dau-cau", line, f"{which} phải {' và '.join(wrong)}.")
    last = " ".join(ln.text for ln in entries[-1]) if entries else ""
    if not entries or not LUU_VT.match(collapse(last)):
        yield finding(
            "noi-nhan-luu",
            entries[-1][0] if entries else head,
            'Nơi nhận cuối cùng phải là "- Lưu: VT, …" (chữ "Lưu:", rồi văn thư "VT" trước, sau đó đơn vị soạn thảo).',
        )
