"""The command line: exit codes and the exact messages staff read."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import main

from .conftest import edit_workbook


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.slow
def test_builds_the_sample(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"cum-1-2020: đã tạo 6 văn bản trong {out}/cum-1-2020/\n"
    assert result.stderr == ""


def test_one_document_kind(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "--doc", "bien-ban-hop-cum")
    assert result.exit_code == 0
    assert [p.name for p in (out / "cum-1-2020").iterdir() if not p.name.startswith(".")] == ["bien-ban-hop-cum.docx"]


def test_bad_workbook_lists_every_problem_and_writes_nothing(campaign_dir, tmp_path):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "D14"): 12, ("Người", "D2"): "chủ tọa"})
    out = tmp_path / "outputs"
    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Lỗi: cum-1-2020: dữ liệu có 2 lỗi, chưa tạo văn bản nào của đợt này:"
    assert lines[1].startswith('  du-lieu.xlsx › Chấm điểm › dòng 14 › cột "Cụm chấm" › ô D14: điểm 12 ')
    assert lines[2].startswith('  du-lieu.xlsx › Người › dòng 2 › cột "Vai trò" › ô D2: vai trò "chủ tọa"')
    assert len(lines) == 3
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.docx"))


def test_not_a_workbook(campaign_dir, tmp_path):
    (campaign_dir / "du-lieu.xlsx").write_bytes(b"PK not really")
    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: cum-1-2020: du-lieu.xlsx: không đọc được tệp này như một bảng tính Excel (.xlsx). "
        "Hãy mở bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx).\n"
    )


def test_missing_inputs_folder(tmp_path):
    result = run("build", "--inputs", str(tmp_path / "khong-co"))
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: Không tìm thấy thư mục dữ liệu {tmp_path / 'khong-co'}.\n"


def test_no_campaign_in_inputs(tmp_path):
    result = run("build", "--inputs", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: không có đợt thi đua nào trong {tmp_path} (mỗi đợt là một thư mục có tệp du-lieu.xlsx).\n"
    )


def test_unknown_campaign(campaign_dir, tmp_path):
    result = run("build", "--inputs", str(campaign_dir.parent), "--campaign", "cum-9")
    assert result.exit_code == 1
    folder = campaign_dir.parent / "cum-9"
    assert result.stderr == f"Lỗi: Không có đợt thi đua {folder} (cần tệp {folder}/du-lieu.xlsx).\n"


@pytest.mark.slow
def test_one_bad_campaign_does_not_stop_the_others(campaign_dir, tmp_path):
    import shutil

    broken = campaign_dir.parent / "cum-2-2020"
    shutil.copytree(campaign_dir, broken)
    edit_workbook(broken / "du-lieu.xlsx", {("Đơn vị", "A3"): "PL"})
    out = tmp_path / "outputs"
    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out))
    assert result.exit_code == 1
    assert result.stdout == f"cum-1-2020: đã tạo 6 văn bản trong {out}/cum-1-2020/\n"
    assert result.stderr.startswith("Lỗi: cum-2-2020: dữ liệu có ")
    # Issue 13: the failed campaign's folder holds its LOI.txt (state, lock), no document.
    assert sorted(p.name for p in (out / "cum-2-2020").iterdir()) == [
        ".vanban-khoa",
        ".vanban-ten.json",
        ".vanban-trang-thai.json",
        "LOI.txt",
    ]


@pytest.mark.slow
def test_warning_for_a_document_kind_without_a_row(campaign_dir, tmp_path):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Văn bản", "delete"): 4})  # bien-ban-hop-cum
    result = run(
        "build", "--inputs", str(campaign_dir.parent), "--outputs", str(tmp_path / "o"), "--doc", "bien-ban-hop-cum"
    )
    assert result.exit_code == 0
    assert result.stderr == (
        'Cảnh báo: cum-1-2020: Trang "Văn bản" chưa có dòng "bien-ban-hop-cum": dùng cơ quan '
        'ban hành "UBND phường Phúc Lợi", số để trống cho văn thư ghi.\n'
    )


def test_every_command_and_option_has_help():
    def walk(command: click.Command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    for command in walk(main):
        assert command.help, command.name
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, (command.name, param.name)


@pytest.mark.slow
def test_python_dash_m_entry_point():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=Path(__file__).parents[1]
    )
    assert done.returncode == 0
    assert "Usage: vanban" in done.stdout


@pytest.mark.slow
def test_check_format_exit_codes(campaign_dir, tmp_path):
    out = tmp_path / "o"
    run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "--doc", "plan")
    good = out / "cum-1-2020" / "ke-hoach.docx"
    result = run("check-format", str(good))
    assert (result.exit_code, result.stdout) == (0, f"{good}: đạt thể thức\n")

    from docx import Document

    bad = tmp_path / "go-tay.docx"
    doc = Document(str(good))
    date_line = doc.tables[0].rows[1].cells[1].paragraphs[0]
    assert date_line.text == "Long Biên, ngày 27 tháng 3 năm 2020"
    date_line.runs[0].text = "Long Biên, ngày 27 tháng 03 năm 2020"
    doc.save(str(bad))
    result = run("check-format", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"{bad}: 1 lỗi thể thức"
    assert 'không viết "tháng 03"' in result.stdout

    result = run("check-format", "--json", str(tmp_path / "khong-co.docx"))
    assert result.exit_code == 2
    assert '"error": "không tìm thấy tệp"' in result.stdout


def test_pdf_without_libreoffice_says_how_to_install_it(campaign_dir, tmp_path, monkeypatch):
    out = tmp_path / "o"
    run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "--doc", "plan")
    monkeypatch.setattr("pipeline.export.shutil.which", lambda name: None)
    result = run("pdf", "--outputs", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: Chưa có LibreOffice để tạo PDF. Trên Debian/Ubuntu chạy `make system-deps` "
        "(cài libreoffice-writer-nogui, fonts-liberation2, poppler-utils).\n"
    )
    assert not list(out.rglob("*.pdf"))


def test_pdf_with_nothing_to_convert(tmp_path):
    # Issue 12 (never a silent no-op): no document at all is an error, not "up to date".
    result = run("pdf", "--outputs", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Chưa có văn bản .docx nào trong {tmp_path}/ để chuyển sang PDF: hãy chạy make all trước.\n"
    )


@pytest.mark.slow
def test_long_runs_show_progress_short_runs_stay_quiet(campaign_dir, tmp_path):
    import shutil

    from pipeline.cli import PROGRESS_FROM

    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(tmp_path / "a"))
    assert result.stderr == ""
    for i in range(PROGRESS_FROM - 1):
        shutil.copytree(campaign_dir, campaign_dir.parent / f"cum-{i}")
    result = run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(tmp_path / "b"), "--jobs", "2")
    assert result.exit_code == 0
    assert result.stderr.startswith("Đang tạo văn bản")
    assert result.stdout.count("đã tạo 6 văn bản") == PROGRESS_FROM
