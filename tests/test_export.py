"""The PDF exporter's failure handling, with stand-in soffice programs (no LibreOffice needed)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from pipeline import export
from pipeline.errors import ExportError


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.fixture
def docs(tmp_path) -> list[Path]:
    folder = tmp_path / "out"
    folder.mkdir()
    files = [folder / "a.docx", folder / "b.docx"]
    for f in files:
        f.write_bytes(b"PK")
    return files


def test_exit_zero_without_a_pdf_is_a_failure(tmp_path, docs, monkeypatch):
    monkeypatch.setattr(export, "soffice", lambda: fake_soffice(tmp_path, "exit 0\n"))
    monkeypatch.setattr(export, "check_fonts", lambda: None)
    with pytest.raises(ExportError) as info:
        export.convert(docs, jobs=1, timeout=5)
    assert str(info.value) == f"LibreOffice không chuyển được sang PDF: {docs[0]}, {docs[1]}."
    assert not list(docs[0].parent.glob("*.pdf"))


@pytest.mark.slow
def test_a_hung_conversion_is_killed_and_tried_again(tmp_path, docs, monkeypatch):
    # The first run hangs; the retry (a fresh profile) writes the PDF.
    marker = tmp_path / "ran-once"
    body = f"""
if [ ! -e {marker} ]; then touch {marker}; sleep 60; fi
for last; do :; done
for f in "$@"; do case "$f" in *.docx) ;; *) continue;; esac
  out=$(echo "$@" | sed -n 's/.*--outdir \\([^ ]*\\).*/\\1/p')
  mkdir -p "$out"; name=$(basename "$f" .docx)
  printf '%%PDF-1.4\\n%0600d\\n' 0 > "$out/$name.pdf"
done
"""
    monkeypatch.setattr(export, "soffice", lambda: fake_soffice(tmp_path, body))
    monkeypatch.setattr(export, "check_fonts", lambda: None)
    monkeypatch.setattr(export, "CHUNK", 1)
    export.convert(docs[:1], jobs=1, timeout=1)
    assert docs[0].with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    assert not export.stale(docs[0])
