"""pipeline.files: whole files or none, with the permissions the user's umask gives."""

from __future__ import annotations

import os
import stat

import openpyxl
import pytest

from pipeline.files import save_workbook, write_atomic


def test_write_atomic_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a" / "b.docx"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert os.listdir(target.parent) == ["b.docx"]


def test_write_atomic_keeps_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "b.docx"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["b.docx"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_take_the_users_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "a.docx", b"data")
        save_workbook(openpyxl.Workbook(), tmp_path / "b.xlsx")
    finally:
        os.umask(old)
    for name in ("a.docx", "b.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


@pytest.mark.slow
def test_documents_and_manifest_are_readable_by_colleagues(tmp_path):
    from pipeline.build import build_campaign

    from .conftest import SAMPLE

    old = os.umask(0o022)
    try:
        outcome = build_campaign(SAMPLE, tmp_path, ["ke-hoach", "tin-bai"])
    finally:
        os.umask(old)
    folder = tmp_path / SAMPLE.name
    for path in [*outcome.written, folder / ".vanban-manifest.json"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name
