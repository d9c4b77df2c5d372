"""Rules a văn thư sends documents back for that the element rules do not see:
the căn cứ block's punctuation, numbered paragraphs, text typed without
Vietnamese diacritics, template tags left in, blanks on a final document, and
each Phụ lục's title lines and page numbering (Phụ lục I §III.1)."""
from __future__ import annotations

import re

from .common import (CENTER, JUSTIFIED, Look, align_name, bare, cm, collapse, finding,
                     first_line_room, has_diacritics, is_typed_rule, is_upper, line_twips)
from .locate import APPENDIX_LINE as APPENDIX
from .locate import Layout
from .model import Doc, Para
from .rules_body import FIRST_LINE, _kinds

ARTICLE = re.compile(r"^(Điều|Dieu)\s+\d+[a-zđ]?\.")
NUMBERED_START = re.compile(r"^(\d+(\.\d+)*\.|[a-zđ]\))\s")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%")
APPENDIX_ROMAN = re.compile(r"^phu luc\s+[ivxlc]+\s*$")
APPENDIX_LOOK = Look(sizes=(14, 14), bold=True, italic=False, align=CENTER)
APPENDIX_TITLE_LOOK = Look(sizes=(13, 14), bold=True, italic=False, align=CENTER, upper=True)
APPENDIX_NOTE_LOOK = Look(sizes=(13, 14), italic=True, align=CENTER)

# Syllables that, written correctly, nearly always carry a diacritic; a line made
# of them in plain ASCII was typed without Vietnamese diacritics.
_BARE_WORDS = set("""
so ngay thang nam cong hoa xa hoi chu nghia viet doc lap tu hanh phuc bo tai chinh uy ban nhan
dan ke hoach bien to trinh quyet dinh noi gui kinh luu can cu thong bao cao quan phuong huyen
tinh thanh pho truong pho phong giam doc dong chi van thu tru kiem tra thi dua khen thuong
nghi tham hop ve viec thuc hien cua va cac nhung duoc trong theo de nhu tren ha ngu
""".split())
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
            yield finding("can-cu-dau-cau", para,
                          f"{which} phải kết thúc bằng dấu \"{end}\" (căn cứ nào cũng kết thúc bằng "
                          "\";\", dòng cuối của phần căn cứ bằng \".\").")


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
            yield finding("dieu-khoan-can-deu", para,
                          f"Điều, khoản, điểm phải căn đều hai bên; đang {align_name(para.props.alignment)}.")
        start = para.props.ind_left + _first_line(para)
        lo, hi = FIRST_LINE
        if not lo <= start <= hi:
            now = "không thụt đầu dòng" if start == 0 else f"đầu dòng cách lề {cm(start)}"
            yield finding("dieu-khoan-thut-dau-dong", para,
                          f"Dòng đầu của điều, khoản, điểm phải lùi vào 1–1,27 cm; đang {now}.")
        if article:
            runs = _runs_of(para, article.end())
            if runs and not all(r.props.bold for r in runs):
                yield finding("dieu-dinh-dang", para,
                              f"\"{article.group(0)}\" phải in đậm (số thứ tự và tiêu đề của điều).")


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


def check_diacritics(doc: Doc, lay: Layout):
    """Text typed without Vietnamese diacritics: the elements found only by their
    bare spelling (`So:`, `CONG HOA …`, `Ha Noi, ngay …`), then any paragraph that
    reads as Vietnamese without them."""
    named = [lay.quoc_hieu, lay.tieu_ngu, lay.so, lay.date, lay.type_line, lay.noi_nhan]
    seen = set()
    lines = [ln for ln in named if ln is not None and not has_diacritics(ln.text)]
    lines += [ln for ln in lay.lines if _typed_bare(ln.text) and not is_typed_rule(ln.text)]
    for line in sorted(lines, key=lambda ln: ln.para.order):
        if id(line.para) in seen:
            continue
        seen.add(id(line.para))
        yield finding("chu-khong-dau", line,
                      "Chữ tiếng Việt phải gõ đủ dấu (Unicode, TCVN 6909:2001); dòng này gõ không dấu.")


def check_template_tags(doc: Doc, lay: Layout):
    """`{{ … }}`, `{% … %}` left in: a template that was not filled in."""
    for para in doc.paras + doc.margin_paras:
        m = TAG.search(para.text)
        if m:
            yield finding("the-mau-con-sot", para,
                          f"Văn bản còn thẻ của mẫu chưa được điền: \"{m.group(0)[:40]}\".")


def check_final(doc: Doc, lay: Layout):
    """--final: no blank number or date left for the clerk."""
    if not lay.final:
        return
    if lay.so is not None and FINAL_NUMBER.match(collapse(lay.so.text)):
        yield finding("so-ky-hieu-trong", lay.so,
                      "Văn bản ban hành (--final) phải ghi số văn bản; đang để trống chỗ số.")
    if lay.date is not None:
        m = re.search(r"ng[àa]y\s*(\S*)\s*th[áa]ng\s*(\S*)\s*n[ăa]m", collapse(lay.date.text))
        if m is None or not (m.group(1).isdigit() and m.group(2).isdigit()):
            yield finding("ngay-thang-trong", lay.date,
                          "Văn bản ban hành (--final) phải ghi đủ ngày, tháng, năm ban hành; đang để trống.")


def appendices(doc: Doc, lay: Layout) -> list:
    """The `Phụ lục` lines that open each appendix (after the signature)."""
    if lay.appendix_only:
        return [p for p in doc.paras if p.container.kind == "body" and APPENDIX.match(bare(p.text))]
    after = lay.signature_table.first_order if lay.signature_table is not None else None
    if after is None and lay.body:
        after = lay.body[-1].order
    if after is None:
        return []
    return [p for p in doc.paras if p.order > after and p.container.kind == "body"
            and APPENDIX.match(bare(p.text))]


def check_appendices(doc: Doc, lay: Layout):
    """Each Phụ lục: `Phụ lục` on its own line, its title, the `(Kèm theo …)`
    line (§III.1.b–c), Roman numbers when there are several (§III.1.a), and its
    own page numbering (§III.1.đ)."""
    found = appendices(doc, lay)
    main_section = lay.body[-1].section if lay.body else 0
    for para in found:
        if len(found) > 1 and not APPENDIX_ROMAN.match(bare(para.text)):
            yield finding("phu-luc-so-thu-tu", para,
                          "Văn bản có từ hai Phụ lục trở lên thì các Phụ lục phải đánh số thứ tự bằng chữ "
                          "số La Mã (Phụ lục I, Phụ lục II…).")
        line = para.lines[0]
        problems = APPENDIX_LOOK.problems(line)
        if is_upper(para.text):
            problems.insert(0, "viết in hoa")
        if problems:
            yield finding("phu-luc-dinh-dang", para,
                          "Từ \"Phụ lục\" và số thứ tự phải là một dòng riêng, chữ in thường, "
                          f"{APPENDIX_LOOK.describe()}; đang: {', '.join(problems)}.")
        title, note = _appendix_lines(para)
        for tl in title:
            yield APPENDIX_TITLE_LOOK.check("phu-luc-ten-dinh-dang", tl, "Tên Phụ lục")
        if note is None:
            yield finding("phu-luc-chi-dan", title[-1] if title else para,
                          "Dưới tên Phụ lục phải có dòng chỉ dẫn \"(Kèm theo … số … ngày … tháng … năm … "
                          "của …)\": số, ký hiệu, ngày ban hành và cơ quan ban hành văn bản.")
        else:
            yield APPENDIX_NOTE_LOOK.check("phu-luc-chi-dan-dinh-dang", note,
                                           "Dòng chỉ dẫn kèm theo văn bản của Phụ lục")
        section = doc.sections[para.section]
        if lay.appendix_only:
            continue  # a file of its own numbers its own pages
        if para.section == main_section:
            yield finding("phu-luc-so-trang", para,
                          "Số trang của Phụ lục phải đánh riêng (Phụ lục I, mục III.1.đ): đặt Phụ lục "
                          "trong một phần (section) mới, đánh số trang lại từ đầu; đang nối tiếp số "
                          "trang của văn bản.")
        elif section.page_start is None:
            yield finding("phu-luc-so-trang", para,
                          "Số trang của Phụ lục phải đánh riêng (Phụ lục I, mục III.1.đ): phần (section) "
                          "của Phụ lục phải bắt đầu lại số trang (Bắt đầu tại 1); đang nối tiếp.")


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
        if bare(text).lstrip("(").startswith("kem theo"):
            note = nxt.lines[0]
            break
        if not is_upper(text) and title:
            break
        title += [ln for ln in nxt.lines if ln.text]
        nxt = nxt.next()
    return title, note
