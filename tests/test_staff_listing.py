"""What staff read about a campaign without a browser test: names and titles, the old
version in index.html, index.html refreshing while a build runs, messages grouped by
cause, background PDFs never showing other figures than their Word file, the watcher's
hand-over to the background work, the bin."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline import catalogue, listing, messages, pregenerate, runner, status
from pipeline.errors import InputError, Problem
from pipeline.watch import Watcher
from pipeline.web import trash

from .conftest import edit_workbook


def test_titles_follow_the_campaigns_work_and_name_each_unit(campaign_dir):
    known = catalogue.names(campaign_dir.parent, campaign_dir.parent / "out", campaign_dir.name)
    assert known.title == "Cụm thi đua số 1 – công tác văn thư, lưu trữ – 2020"
    files = [
        Path(n)
        for n in (
            "tin-bai.html",
            "tin-bai.docx",
            "quyet-dinh-khen-thuong.docx",
            "bien-ban-kiem-tra-dg.docx",
            "bien-ban-kiem-tra-pl.docx",
            "ke-hoach.docx",
            "ke-hoach.pdf",
            "giay-khen.docx",
            "to-trinh-khen-thuong.sua-tay.docx",
            "to-trinh-khen-thuong.docx",
            "bieu-tu-cham-pl.xlsx",
        )
    ]
    rows = catalogue.documents(files, known)
    assert [(d.title, [p.name for p in d.files]) for d in rows] == [
        ("Kế hoạch kiểm tra chéo", ["ke-hoach.docx", "ke-hoach.pdf"]),
        ("Biên bản kiểm tra – UBND phường Phúc Lợi", ["bien-ban-kiem-tra-pl.docx"]),
        ("Biên bản kiểm tra – UBND phường Đức Giang", ["bien-ban-kiem-tra-dg.docx"]),
        ("Tờ trình đề nghị khen thưởng", ["to-trinh-khen-thuong.docx"]),
        ("Tờ trình đề nghị khen thưởng (bản sửa tay được giữ lại)", ["to-trinh-khen-thuong.sua-tay.docx"]),
        ("Quyết định khen thưởng", ["quyet-dinh-khen-thuong.docx"]),
        ("Giấy khen in trên phôi", ["giay-khen.docx"]),
        ("Tin bài cho cổng thông tin", ["tin-bai.docx", "tin-bai.html"]),
        ("bieu-tu-cham-pl.xlsx", ["bieu-tu-cham-pl.xlsx"]),
    ]


def test_names_are_read_once_and_again_when_the_workbook_changes(campaign_dir, tmp_path):
    out = tmp_path / "out"
    (out / campaign_dir.name).mkdir(parents=True)
    first = catalogue.names(campaign_dir.parent, out, campaign_dir.name)
    assert (out / campaign_dir.name / catalogue.CACHE).is_file()
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chung", "B2"): "Cụm thi đua số 9"})
    later = catalogue.names(campaign_dir.parent, out, campaign_dir.name)
    assert first.title.startswith("Cụm thi đua số 1") and later.title.startswith("Cụm thi đua số 9")


def test_index_html_marks_the_old_documents_and_refreshes_while_building(campaign_dir, tmp_path):
    out = tmp_path / "out"
    assert runner.build_and_record(campaign_dir, out).state == status.BUILT
    page = (out / "index.html").read_text(encoding="utf-8")
    assert listing.OLD_BANNER not in page and 'http-equiv="refresh"' not in page
    assert "Biên bản kiểm tra – UBND phường Đức Giang" in page
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "D14"): 12})
    assert runner.build_and_record(campaign_dir, out).state == status.FAILED
    page = (out / "index.html").read_text(encoding="utf-8")
    assert listing.OLD_BANNER in page and 'class="ban-cu"' in page
    assert "cột bên phải" in page and "dưới đây" not in page

    (out / campaign_dir.name / status.BUILDING).touch()  # a build under way
    page = listing.index_html(out, campaign_dir.parent)
    assert '<meta http-equiv="refresh" content="3">' in page and "Đang tạo văn bản…" in page
    old = time.time() - status.STALE_MARK - 5  # a crashed build's mark does not count
    os.utime(out / campaign_dir.name / status.BUILDING, (old, old))
    assert 'http-equiv="refresh"' not in listing.index_html(out, campaign_dir.parent)


def test_the_mark_is_there_only_while_the_build_runs(campaign_dir, tmp_path):
    out = tmp_path / "out"
    seen = []
    original = listing.write_index

    def spy(outputs, inputs=None):
        seen.append(listing.building(Path(outputs) / campaign_dir.name))
        return original(outputs, inputs)

    listing.write_index = spy
    try:
        runner.build_and_record(campaign_dir, out)
    finally:
        listing.write_index = original
    assert seen == [True, False]  # the index written at the start, then at the end


def test_one_line_per_cause_with_the_cells_it_affects():
    problems = [
        Problem("du-lieu.xlsx", "ô bị bỏ trống; cột này bắt buộc.", "Người", r, "Chức vụ", f"B{r}") for r in (3, 5, 9)
    ]
    problems.append(Problem("du-lieu.xlsx", 'thiếu trang tính "Ảnh".', "Ảnh"))
    assert messages.lines(problems) == [
        'du-lieu.xlsx › Người › dòng 3, 5, 9 › cột "Chức vụ" › ô B3, B5, B9: ô bị bỏ trống; cột này bắt buộc.',
        'du-lieu.xlsx › Ảnh: thiếu trang tính "Ảnh".',
    ]
    assert problems[0].located() == (
        'du-lieu.xlsx › Người › dòng 3 › cột "Chức vụ" › ô B3: ô bị bỏ trống; cột này bắt buộc.'
    )


def test_a_pdf_made_while_its_document_changed_is_not_kept(tmp_path, monkeypatch):
    """The background converts a copy; a build that rewrites the document meanwhile wins."""
    folder = tmp_path / "out" / "dot"
    folder.mkdir(parents=True)
    docx = folder / "ke-hoach.docx"
    docx.write_bytes(b"first")

    def convert(files, jobs=None, **_):
        docx.write_bytes(b"second, rewritten by a build meanwhile")
        os.utime(docx, ns=(docx.stat().st_mtime_ns, docx.stat().st_mtime_ns + 10**9))
        for f in files:
            f.with_suffix(".pdf").write_bytes(b"%PDF- of the first")

    from pipeline import export

    monkeypatch.setattr(export, "convert", convert)
    pregenerate._convert(tmp_path / "out", "dot", [docx])
    assert not docx.with_suffix(".pdf").exists()

    monkeypatch.setattr(
        export,
        "convert",
        lambda files, jobs=None, **_: [f.with_suffix(".pdf").write_bytes(b"%PDF- of the second") for f in files],
    )
    pregenerate._convert(tmp_path / "out", "dot", [docx])
    assert docx.with_suffix(".pdf").read_bytes() == b"%PDF- of the second"
    assert not pregenerate.stale(docx)


def test_the_watcher_hands_every_build_that_wrote_documents_to_the_background(tmp_path):
    handed = []
    results = iter(
        [
            status.Status("a", status.BUILT, None, written=3),
            status.Status("a", status.FAILED, None),  # held back whole: wrote nothing
            status.Status("a", status.FAILED, None, written=2, held=["to-trinh"]),
            status.Status("a", status.BUILT, None),
        ]
    )  # nothing changed: nothing new
    watcher = Watcher(
        tmp_path, tmp_path / "out", build=lambda folder: next(results), log=lambda line: None, after=handed.append
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "du-lieu.xlsx").write_bytes(b"x")
    import pipeline.watch as watch

    original = watch.describe
    watch.describe = lambda *a: ""
    try:
        for change in (b"x", b"y", b"z", b"w"):
            (tmp_path / "a" / "du-lieu.xlsx").write_bytes(change)
            watcher._seen["a"] = watch.snapshot(tmp_path / "a")
            watcher.step("a")
    finally:
        watch.describe = original
    assert handed == ["a", "a"]  # the good build and the one held back in part


def test_the_bin_keeps_everything_and_gives_it_back(campaign_dir, tmp_path):
    inputs, out = campaign_dir.parent, tmp_path / "out"
    runner.build_and_record(campaign_dir, out)
    before = sorted(p.relative_to(campaign_dir) for p in campaign_dir.rglob("*"))
    folder = trash.remove(inputs, out, campaign_dir.name)
    assert not campaign_dir.exists() and not (out / campaign_dir.name).exists()
    assert [r.name for r in trash.removed(inputs, out)] == [campaign_dir.name]
    assert listing.campaigns(out, inputs) == []  # nor listed, nor built
    moved = inputs / trash.BIN / folder
    assert sorted(p.relative_to(moved) for p in moved.rglob("*")) == before
    with pytest.raises(InputError):
        trash.restore(inputs, out, "../../etc~20260101-000000")
    assert trash.restore(inputs, out, folder) == campaign_dir.name
    assert sorted(p.relative_to(campaign_dir) for p in campaign_dir.rglob("*")) == before
    assert [e.name for e in listing.campaigns(out, inputs)] == [campaign_dir.name]


def test_missing_scores_of_a_unit_are_one_line_with_their_cells(campaign_dir):
    from pipeline.errors import ValidationError
    from pipeline.load import load_campaign
    from pipeline.validate import validate

    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", f"D{r}"): None for r in (2, 3, 4)})
    with pytest.raises(ValidationError) as caught:
        validate(load_campaign(campaign_dir), ["bien-ban-hop-cum"])
    assert messages.lines(caught.value.problems) == [
        'du-lieu.xlsx › Chấm điểm › dòng 2, 3, 4 › cột "Cụm chấm" › ô D2, D3, D4: chưa có điểm '
        "cụm chấm của đơn vị PL; biên bản họp cụm cần điểm này."
    ]


def test_the_index_written_without_the_inputs_keeps_the_names(campaign_dir, tmp_path):
    """`make pdf` rewrites index.html knowing only outputs/: the names stay."""
    out = tmp_path / "out"
    runner.build_and_record(campaign_dir, out)
    page = listing.index_html(out)
    assert "Cụm thi đua số 1 – công tác văn thư, lưu trữ – 2020" in page
    assert "Biên bản kiểm tra – UBND phường Đức Giang" in page


def test_a_campaign_folder_holding_an_xls_says_how_to_save_it_and_the_bin_is_skipped(tmp_path):
    import shutil

    from pipeline import makeproto

    from .conftest import SAMPLE

    (tmp_path / "cum-xls").mkdir()
    (tmp_path / "cum-xls" / "du-lieu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    shutil.copytree(SAMPLE, tmp_path / trash.BIN / "cum-a~20260101-000000")
    shutil.copytree(SAMPLE, tmp_path / "cum-1-2020")
    chosen, said, failed = makeproto.select(tmp_path, [])
    assert chosen == ["cum-1-2020"] and not failed  # nothing of the bin is built
    assert said == [
        'Cảnh báo: thư mục "cum-xls" có tệp du-lieu.xls nhưng chương trình chỉ đọc '
        "du-lieu.xlsx: hãy mở tệp đó bằng Excel (hoặc LibreOffice Calc), chọn Tệp › "
        'Lưu thành (File › Save As), kiểu "Sổ làm việc Excel (.xlsx)", đặt tên '
        "du-lieu rồi lưu vào thư mục này."
    ]


def test_a_knock_on_gap_names_the_rows_that_caused_it(campaign_dir):
    from pipeline.errors import ValidationError
    from pipeline.load import load_campaign
    from pipeline.validate import validate

    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "A2"): "PLL"})
    with pytest.raises(ValidationError) as caught:
        validate(load_campaign(campaign_dir))
    assert messages.lines(caught.value.problems) == [
        'du-lieu.xlsx › Chấm điểm › dòng 2 › cột "Mã đơn vị" › ô A2: không có đơn vị mã "PLL" '
        'trong trang "Đơn vị"; vì thế đơn vị PL chưa có điểm các tiêu chí: 1.1.',
    ]  # one line for the cause, at its cell, naming the gap it leaves
