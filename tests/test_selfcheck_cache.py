"""The build's check reads its documents quickly (pipeline/formatcheck/package.py) and
shares one style sheet per template; it must find exactly what a fresh check finds.

`fresh` below is the checker as it was before: python-docx opens the package and every
document gets a style sheet of its own (package.read returning None forces that path).
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from pipeline import build as builder
from pipeline import kinds as registry
from pipeline import selfcheck
from pipeline.formatcheck import package
from pipeline.formatcheck.styles import w

from . import generated


def _found(name: str, data: bytes) -> list:
    return [(f.rule, f.where, f.message) for f in selfcheck.check_bytes(name, data)]


def _fresh(name: str, data: bytes, monkeypatch) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(package, "read", lambda data: None)
        return _found(name, data)


def _documents(folder, outputs) -> dict:
    outcome = builder.build_campaign(folder, outputs, list(registry.SLUGS))
    return {name: data for name, data in outcome.rendered.items() if selfcheck.administrative(name)}


def _edit(data: bytes, part: str, edit) -> bytes:
    """`data` with one part's bytes passed through `edit`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            target.writestr(info, edit(blob) if info.filename == part else blob)
    return out.getvalue()


@pytest.fixture
def sample_documents(campaign_dir, tmp_path):
    return _documents(campaign_dir, tmp_path / "out")


def test_the_fast_reader_reads_every_document_the_build_writes(sample_documents):
    assert len(sample_documents) >= 8
    for name, data in sample_documents.items():
        read = package.read(data)
        assert read is not None, name  # never silently the slow path for our own output
        assert read.element.find(w("body")) is not None
        assert read.category == docx.Document(io.BytesIO(data)).core_properties.category


def test_cached_check_finds_what_a_fresh_check_finds_on_the_sample(sample_documents, monkeypatch):
    for name, data in sorted(sample_documents.items()):
        first = _found(name, data)
        assert _found(name, data) == first  # the style sheet now shared: the same again
        assert first == _fresh(name, data, monkeypatch), name


@pytest.mark.parametrize("seed", [3, 11])
def test_cached_check_finds_what_a_fresh_check_finds_on_generated_campaigns(seed, tmp_path, monkeypatch):
    folder = generated.write(generated.campaign(seed), tmp_path / "inputs" / f"gen-{seed}")
    documents = _documents(folder, tmp_path / "out")
    assert documents
    for name, data in sorted(documents.items()):
        assert _found(name, data) == _fresh(name, data, monkeypatch), name


def test_a_defective_document_gets_the_same_findings_after_its_clean_twins(sample_documents, monkeypatch):
    name = "ke-hoach.docx"
    clean = sample_documents[name]
    assert _found(name, clean) == []  # the template's style sheet is now cached
    # A fault in the styles: other bytes, so its own style sheet, not the cached one.
    arial = _edit(clean, "word/styles.xml", lambda b: b.replace(b"Times New Roman", b"Arial"))
    # A fault in the body alone: the same styles, so the shared style sheet.
    margins = _edit(clean, "word/document.xml", lambda b: re.sub(rb'(<w:pgMar[^>]*?w:left=")\d+"', rb'\g<1>900"', b))
    assert margins != clean
    for faulty, rule in ((arial, "phong-chu"), (margins, "le-trang")):
        found = _found(name, faulty)
        assert rule in {r for r, _, _ in found}
        assert found == _fresh(name, faulty, monkeypatch)
    assert _found(name, clean) == []  # and the clean one is still clean


def test_what_the_fast_reader_does_not_know_is_read_as_before(sample_documents, monkeypatch):
    data = sample_documents["ke-hoach.docx"]
    spreadsheet = _edit(
        data,
        "[Content_Types].xml",
        lambda b: b.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"),
    )
    no_styles = _edit(
        data, "word/_rels/document.xml.rels", lambda b: b.replace(b'Target="styles.xml"', b'Target="missing.xml"')
    )
    for odd in (b"not a zip at all", spreadsheet, no_styles):
        assert package.read(odd) is None
        found = _found("x.docx", odd)
        assert found == _fresh("x.docx", odd, monkeypatch)
    assert [r for r, _, _ in _found("x.docx", b"not a zip at all")] == ["unreadable"]
