"""Page breaks a clerk expects: a table's total row never alone under its header, a
signature never at a page foot without the room to sign.

Both are keep-with-next marks (`w:keepNext`) on the paragraphs of table rows, which Word and
LibreOffice honour as "keep this row on the page of the next": applied to the rendered
document.xml by pipeline.render, so that they hold whatever the data's length.

- `keep_table_ends`: in each data table (its first row a repeated header), the last body rows
  stay with the final row (the total, or the last award): a page never holds only the
  repeated header and the total.
- `keep_headings`: a heading (a paragraph of a heading style, or one short paragraph all in
  bold, as the rendered check reads it) keeps with what follows; when a table follows it
  (directly, or after one introducing paragraph, `… như sau:`), the introducing paragraph
  and the table's header and first body rows come too: a heading never stands alone at a
  page foot with its content on the next page.
- `keep_signatures`: a signature table (paragraphs of the `VB Ky` styles) is kept in one
  piece, its title rows with its name row, and the paragraph before it with it (the end of
  the text, `Nơi nhận` aside): titles never stand at a page foot with the next page blank
  but for the name.
- `keep_noi_nhan`: a `Nơi nhận:` block set as paragraphs of the body (below the signatures
  of a biên bản) is kept in one piece: `Nơi nhận:` never stands alone at a page foot with
  its list on the next page.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
KEPT_ROWS = 2  # body rows kept with the final row
SIGNATURE_STYLES = ("VBKy", "VBKyten")
NOI_NHAN_STYLES = ("VBNoinhan", "VBNoinhanmuc")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _keep_next(p) -> None:
    ppr = p.find("w:pPr", NS)
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    if ppr.find("w:keepNext", NS) is None:
        ppr.append(etree.Element(_w("keepNext")))  # pipeline.ooxml puts it in its place


def _keep_row(tr) -> None:
    for p in tr.iter(_w("p")):
        _keep_next(p)


def keep_table_ends(root) -> None:
    """Keep the last body rows of each data table with its final row (see the module)."""
    header = _w("tblHeader")
    for tbl in {h.getparent().getparent().getparent() for h in root.iter(header)}:
        rows = tbl.findall("w:tr", NS)
        body = [tr for tr in rows if tr.find("w:trPr/w:tblHeader", NS) is None]
        if len(body) < 2:
            continue  # nothing to keep together
        for tr in body[-1 - KEPT_ROWS : -1]:
            _keep_row(tr)


def _style(p) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(_w("val")) if style is not None else None


def keep_signatures(root, style_ids=SIGNATURE_STYLES) -> None:
    """Keep each signature table together and with the paragraph before it."""
    tables = []
    for style in root.iter(_w("pStyle")):
        if style.get(_w("val")) in style_ids:
            tbl = next(style.iterancestors(_w("tbl")), None)
            if tbl is not None and tbl not in tables:
                tables.append(tbl)
    for tbl in tables:
        rows = tbl.findall("w:tr", NS)
        for tr in rows[:-1]:
            _keep_row(tr)
        before = tbl.getprevious()
        while (
            before is not None
            and before.tag == _w("p")
            and not "".join(t.text or "" for t in before.iter(_w("t"))).strip()
        ):
            _keep_next(before)  # an empty spacing paragraph between text and signature
            before = before.getprevious()
        if before is not None and before.tag == _w("p"):
            _keep_next(before)


HEADING_STYLES = ("VBMuc", "VBTenloai", "VBTrichyeu", "TBTieude", "TBMucanh")
HEADING_CHARS = 120  # a bold paragraph longer than this is text, not a heading
FIRST_ROWS = 1  # body rows of a table kept with the heading above it


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t"))).strip()


def _bold(r) -> bool:
    b = r.find("w:rPr/w:b", NS)
    return b is not None and b.get(_w("val"), "true") not in ("0", "false")


def _is_heading(p) -> bool:
    text = _text(p)
    if not text:
        return False
    if _style(p) in HEADING_STYLES or (_style(p) or "").startswith("Heading"):
        return True
    runs = [r for r in p.findall("w:r", NS) if "".join(t.text or "" for t in r.iter(_w("t"))).strip()]
    return bool(runs) and len(text) < HEADING_CHARS and all(_bold(r) for r in runs)


def _keep_table_start(tbl) -> None:
    rows = tbl.findall("w:tr", NS)
    head = [tr for tr in rows if tr.find("w:trPr/w:tblHeader", NS) is not None]
    body = [tr for tr in rows if tr.find("w:trPr/w:tblHeader", NS) is None]
    if len(body) <= FIRST_ROWS:
        return  # a table that short is kept by its own rows' marks or is one row
    for tr in head + body[:FIRST_ROWS]:
        _keep_row(tr)


def keep_headings(body) -> None:
    """Keep each heading with what follows it, a table's first rows too (see the module)."""
    for p in list(body.iter(_w("p"))):
        if p.getparent() is None or p.getparent().tag != _w("body") or not _is_heading(p):
            continue
        following = p.getnext()
        if following is None or following.tag == _w("sectPr"):
            continue
        _keep_next(p)
        if following.tag == _w("p") and _text(following) and not _is_heading(following):
            after = following.getnext()
            if after is not None and after.tag == _w("tbl"):
                _keep_next(following)  # `… như sau:` and its table
                _keep_table_start(after)
        elif following.tag == _w("tbl"):
            _keep_table_start(following)


def keep_noi_nhan(root) -> None:
    """Keep each `Nơi nhận:` block of body paragraphs together (see the module). Its
    paragraphs in a table cell (beside the signature) are left alone: a table row's keep
    would tie the row to what follows the table in Word."""
    body = _w("body")
    for p in list(root.iter(_w("p"))):
        if _style(p) != NOI_NHAN_STYLES[0] or p.getparent() is None or p.getparent().tag != body:
            continue
        block = [p]
        following = p.getnext()
        while following is not None and following.tag == _w("p") and _style(following) == NOI_NHAN_STYLES[1]:
            block.append(following)
            following = following.getnext()
        for kept in block[:-1]:
            _keep_next(kept)


def _kept(p) -> bool:
    keep = p.find("w:pPr/w:keepNext", NS)
    return keep is not None and keep.get(_w("val"), "true") not in ("0", "false")


def break_before(root, headings) -> int:
    """A page break (`w:pageBreakBefore`) before each body paragraph whose text is one of
    `headings` (spaces aside); before the first of the paragraphs kept with it, when
    it closes such a run (a bold result line above the heading). A heading found more than
    once is left alone: which one stood at the page foot is not known. How many were set.

    pipeline.export's repair for LibreOffice, which in some layouts leaves a heading with
    `w:keepNext` alone at a page foot (7.4; the heading's keep, its style's and every other
    mark in place): only the copy it converts is changed, never the document delivered."""
    body = root.find("w:body", NS)
    if body is None:
        return 0
    paragraphs = body.findall("w:p", NS)
    found = 0
    for heading in headings:
        hits = [p for p in paragraphs if _text(p).split() == heading.split()]
        if len(hits) != 1:
            continue
        first = hits[0]
        for _ in range(2):  # the run of kept paragraphs that ends with the heading
            before = first.getprevious()
            if before is None or before.tag != _w("p") or not _kept(before) or not _text(before):
                break
            first = before
        ppr = first.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            first.insert(0, ppr)
        if ppr.find("w:pageBreakBefore", NS) is None:
            ppr.append(etree.Element(_w("pageBreakBefore")))  # pipeline.ooxml orders it
            found += 1
    return found
