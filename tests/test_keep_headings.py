"""Headings keep with what follows (issue 17, the generated campaigns' "heading" defect):
pipeline.pagination.keep_headings on the rendered XML."""

from __future__ import annotations

from lxml import etree

from pipeline.pagination import NS, keep_headings

W = NS["w"]


def _doc(body: str):
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')


def _p(text: str, style: str = "VBNoidung", bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>'


def _row(text: str, header: bool = False) -> str:
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}<w:tc>{_p(text, 'VBBang')}</w:tc></w:tr>"


def _kept(el) -> bool:
    return el.find("w:pPr/w:keepNext", NS) is not None


def test_a_heading_its_introduction_and_the_tables_first_rows_are_kept_together():
    root = _doc(
        _p("2. Kết quả chấm điểm, xếp loại", "VBMuc")
        + _p("… xếp hạng như sau:")
        + "<w:tbl>"
        + _row("Xếp hạng", True)
        + "".join(_row(str(n)) for n in range(1, 7))
        + "</w:tbl>"
        + _p("Sau bảng.")
    )
    keep_headings(root)
    body = root.find("w:body", NS)
    heading, intro, table, after = list(body)
    assert _kept(heading) and _kept(intro) and not _kept(after)
    rows = table.findall("w:tr", NS)
    kept = [all(_kept(p) for p in tr.iter(f"{{{W}}}p")) for tr in rows]
    assert kept == [True, True, False, False, False, False, False]


def test_a_bold_line_keeps_with_the_next_heading_but_body_text_does_not():
    root = _doc(
        _p("Kết quả: 5/5 phường đạt loại A.", bold=True)
        + _p("3. Đề nghị", "VBMuc")
        + _p("Từ kết quả chấm điểm, cụm thống nhất đề nghị khen thưởng.")
        + _p("Đoạn văn thường.")
    )
    keep_headings(root)
    outcome, heading, text, last = list(root.find("w:body", NS))
    assert _kept(outcome) and _kept(heading) and not _kept(text) and not _kept(last)


def test_a_noi_nhan_block_below_the_signatures_is_kept_in_one_piece():
    """`Nơi nhận:` of a biên bản, paragraphs of the body: never alone at a page foot."""
    from pipeline.pagination import keep_noi_nhan

    items = ["- UBND tỉnh Bắc Ninh;", "- Các đơn vị trong cụm;", "- Lưu: VT."]
    cell = f"<w:tbl><w:tr><w:tc>{_p('Nơi nhận:', 'VBNoinhan')}{_p(items[0], 'VBNoinhanmuc')}</w:tc></w:tr></w:tbl>"
    root = _doc(
        _p("Cuộc họp kết thúc./.") + _p("Nơi nhận:", "VBNoinhan") + "".join(_p(t, "VBNoinhanmuc") for t in items) + cell
    )
    keep_noi_nhan(root)
    body = root.find("w:body", NS)
    end, label, *listed, table = list(body)
    assert [_kept(p) for p in (end, label, *listed)] == [False, True, True, True, False]
    assert not any(_kept(p) for p in table.iter(f"{{{W}}}p"))  # beside a signature: left alone
