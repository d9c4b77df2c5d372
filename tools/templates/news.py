"""Tin bài cho cổng thông tin (tin-bai.docx): a portal page, not a Decree 30 document; its
HTML twin, templates_docx/tin-bai.html, is a hand-written Jinja file."""

from __future__ import annotations


from docx.shared import Cm


from .blocks import C, J, L, NEWS_TEXT_WIDTH_CM, PHOTO_CM, R, _style, new_document, par


def _portal_page(doc) -> None:
    """A4 with even margins and no page-number header (that is the Decree 30 layout)."""
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.different_first_page_header_footer = False
    for page_header in (section.header, section.first_page_header):
        for paragraph in page_header.paragraphs:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)


def _news_styles(doc) -> None:
    _style(doc, "TB Tieu de", size=16, bold=True, align=L, after=6, line=1.1, keep_next=True)
    _style(doc, "TB Ngay dang", size=12, italic=True, align=L, after=12)
    _style(doc, "TB Noi dung", size=13, align=J, after=8, line=1.2)
    _style(doc, "TB Muc anh", size=13, align=J, before=6, after=8, line=1.2, keep_next=True)
    _style(doc, "TB Anh", size=13, align=C, before=6, after=4, keep_next=True)
    caption = _style(doc, "TB Chu thich", size=12, italic=True, align=C, after=10)
    margin = Cm((NEWS_TEXT_WIDTH_CM - PHOTO_CM) / 2)  # as wide as the photo above it
    caption.paragraph_format.left_indent = caption.paragraph_format.right_indent = margin
    _style(doc, "TB Tac gia", size=13, bold=True, align=R, before=12)


def build():
    """Title, posting line, justified paragraphs, the photos (docxtpl InlineImage,
    ~14 cm wide) with centred italic captions, the byline on the right. No Quốc
    hiệu, no number, no signature block."""
    doc = new_document()
    _portal_page(doc)
    _news_styles(doc)
    par(doc, "{{ title }}", "TB Tieu de")
    par(doc, "{{ posted }}", "TB Ngay dang")
    par(doc, "{%p for p in paragraphs %}", "TB Noi dung")
    par(doc, "{{ p }}", "TB Noi dung")
    par(doc, "{%p endfor %}", "TB Noi dung")
    par(doc, "{%p if photos %}", "TB Muc anh")
    par(doc, "{{ photo_heading }}", "TB Muc anh")
    par(doc, "{%p for ph in photos %}", "TB Anh")
    par(doc, "{{ ph.image }}", "TB Anh")
    par(doc, "{%p if ph.caption %}", "TB Chu thich")
    par(doc, "{{ ph.caption }}", "TB Chu thich")
    par(doc, "{%p endif %}", "TB Chu thich")
    par(doc, "{%p endfor %}", "TB Anh")
    par(doc, "{%p endif %}", "TB Muc anh")
    par(doc, "{{ byline }}", "TB Tac gia")
    return doc
