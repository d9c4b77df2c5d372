"""Issue 12 through Make: names never reach a shell, concurrent and killed runs, no silent
no-op. Test names start with the issue's item topic (see tests/test_hardening.py):
injection_* (item 2), interrupted_* (6), noop_* (7), traceback_* (8)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import SAMPLE
from .test_make import UP_TO_DATE

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"

pytestmark = [
    pytest.mark.make,
    pytest.mark.skipif(
        not (VENV / ".installed").exists() or not shutil.which("make"),
        reason="needs make and the project's .venv (make test sets both up)",
    ),
]


def make(tree: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    settings = {
        "VENV": str(VENV),
        "INPUTS": str(tree / "inputs"),
        "OUTPUTS": str(tree / "outputs"),
        "TEMPLATES": str(ROOT / "templates_docx"),
    }
    settings.update(variables)
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args, *(f"{k}={v}" for k, v in settings.items())],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tree,
    )


def campaign(tree: Path, name: str) -> Path:
    folder = tree / "inputs" / name
    shutil.copytree(SAMPLE, folder)
    return folder


# =========================================================================== 2. injection


def test_injection_campaign_folder_name_never_reaches_the_shell(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    evil = campaign(tmp_path, "a'&&id>x&&'b")
    done = make(tmp_path, "plan")
    assert not (tmp_path / "x").exists() and not (ROOT / "x").exists()
    assert not any(p.name == "x" for p in tmp_path.rglob("x"))
    assert done.returncode == 0, done.stderr
    assert f'Bỏ qua thư mục "{evil.name}": tên thư mục của một đợt thi đua chỉ được gồm' in done.stderr
    assert (tmp_path / "outputs" / "cum-1-2020" / "ke-hoach.docx").exists()
    assert "Traceback" not in done.stderr


def test_injection_campaign_named_in_campaign_variable_never_reaches_the_shell(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    done = make(tmp_path, "plan", CAMPAIGN="x' ; touch pwned ; echo '")
    assert done.returncode != 0
    assert not list(tmp_path.rglob("pwned")) and not (ROOT / "pwned").exists()
    assert "Lỗi: " in done.stderr


@pytest.mark.parametrize("name", ["cum 2 2021", "cum(2)", "cum'2"])
def test_injection_odd_folder_names_are_refused_by_name_and_others_go_on(tmp_path, name):
    campaign(tmp_path, "cum-1-2020")
    campaign(tmp_path, name)
    done = make(tmp_path, "plan")
    assert done.returncode == 0, done.stderr
    assert f'Bỏ qua thư mục "{name}"' in done.stderr
    assert (tmp_path / "outputs" / "cum-1-2020" / "ke-hoach.docx").exists()


def test_injection_photo_and_form_names_with_spaces_and_parentheses_work(tmp_path):
    import openpyxl

    folder = campaign(tmp_path, "cum-1-2020")
    (folder / "anh" / "hop-cum.jpg").rename(folder / "anh" / "IMG 0001 (1).jpg")
    book = openpyxl.load_workbook(folder / "du-lieu.xlsx")
    sheet = book["Ảnh"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "hop-cum.jpg":
            row[0].value = "IMG 0001 (1).jpg"
    book.save(folder / "du-lieu.xlsx")
    forms = make(tmp_path, "forms")
    assert forms.returncode == 0, forms.stderr
    (folder / "tu-cham").mkdir()
    form = openpyxl.load_workbook(tmp_path / "outputs" / "cum-1-2020" / "bieu-tu-cham-pl.xlsx")
    from pipeline.load import load_campaign
    from pipeline.validate import validate

    scores = validate(load_campaign(folder)).scores
    own = {c: v for u, c, v in zip(scores["unit"], scores["criterion"], scores["self"]) if u == "PL"}
    for row in form["Tự chấm"].iter_rows(min_row=6):
        if row[0].value in own:
            row[3].value = own[row[0].value]  # as the workbook's own `Tự chấm`
    form.save(folder / "tu-cham" / "bieu-tu-cham-pl (1).xlsx")  # a Windows copy's name
    done = make(tmp_path, "news")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "outputs" / "cum-1-2020" / "tin-bai.html").exists()
    assert make(tmp_path, "news").stdout == UP_TO_DATE  # and the next run has nothing to do


# =========================================================================== 6. interrupted


def test_interrupted_stale_queue_of_a_killed_run_never_breaks_the_next(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    out = tmp_path / "outputs"
    out.mkdir()
    (out / ".hang-doi").write_text("cum-khong-con 1\ncum-1-2020 ke-ho", encoding="utf-8")
    (out / ".hang-doi-999999999").write_text("khong-co-dot ke-hoach\n", encoding="utf-8")
    done = make(tmp_path, "plan")
    assert done.returncode == 0, done.stderr
    assert (out / "cum-1-2020" / "ke-hoach.docx").exists()
    assert not list(out.glob(".hang-doi*"))


def test_interrupted_two_goals_at_once_both_do_their_work(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    settings = [
        f"VENV={VENV}",
        f"INPUTS={tmp_path / 'inputs'}",
        f"OUTPUTS={tmp_path / 'outputs'}",
        f"TEMPLATES={ROOT / 'templates_docx'}",
    ]
    runs = [
        subprocess.Popen(
            ["make", "--no-print-directory", "-C", str(ROOT), goal, *settings],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for goal in ("minutes", "news")
    ]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    out = tmp_path / "outputs" / "cum-1-2020"
    assert (out / "bien-ban-hop-cum.docx").exists() and (out / "tin-bai.html").exists()
    assert len(list(out.glob("bien-ban-kiem-tra-*.docx"))) == 5
    assert not list((tmp_path / "outputs").glob(".hang-doi*"))


# =========================================================================== 7. noop


def test_noop_deleted_inspection_minutes_are_rebuilt_by_make_all(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    assert make(tmp_path, "all").returncode == 0
    gone = tmp_path / "outputs" / "cum-1-2020" / "bien-ban-kiem-tra-vh.docx"
    assert gone.exists()
    gone.unlink()
    done = make(tmp_path, "all")
    assert done.returncode == 0, done.stderr
    assert gone.exists()
    assert make(tmp_path, "all").stdout == UP_TO_DATE  # then nothing to do again


def test_noop_deleted_word_article_is_rebuilt(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    assert make(tmp_path, "news").returncode == 0
    gone = tmp_path / "outputs" / "cum-1-2020" / "tin-bai.docx"
    gone.unlink()
    assert make(tmp_path, "news").returncode == 0
    assert gone.exists()


@pytest.mark.parametrize("inputs", ["", "khong-co-thu-muc"])
def test_noop_empty_or_missing_inputs_is_an_error(tmp_path, inputs):
    done = make(tmp_path, "all", INPUTS=str(tmp_path / inputs) if inputs else "")
    assert done.returncode != 0
    assert "Lỗi: " in done.stderr


def test_noop_inputs_without_any_campaign_is_an_error(tmp_path):
    (tmp_path / "inputs" / "trong").mkdir(parents=True)
    done = make(tmp_path, "minutes")
    assert done.returncode != 0
    assert 'thư mục "trong" không có tệp du-lieu.xlsx' in done.stderr
    assert "Lỗi: không có đợt thi đua nào" in done.stderr


def test_noop_workbook_named_with_capitals_is_named(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    folder = campaign(tmp_path, "cum-2-2021")
    (folder / "du-lieu.xlsx").rename(folder / "Du-lieu.xlsx")
    done = make(tmp_path, "plan")
    assert done.returncode == 0
    assert 'thư mục "cum-2-2021" có tệp Du-lieu.xlsx: hãy đổi tên thành du-lieu.xlsx' in done.stderr
    only = make(tmp_path, "plan", CAMPAIGN="cum-2-2021")
    assert only.returncode != 0 and "Du-lieu.xlsx" in only.stderr


def test_noop_campaign_with_trailing_slash_works(tmp_path):
    campaign(tmp_path, "cum-1-2020")
    done = make(tmp_path, "plan", CAMPAIGN="cum-1-2020/")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "outputs" / "cum-1-2020" / "ke-hoach.docx").exists()


@pytest.mark.parametrize("goal", ["all", "plan", "minutes", "proposal", "news", "pdf", "forms"])
def test_noop_campaign_naming_no_campaign_is_an_error_for_every_goal(tmp_path, goal):
    campaign(tmp_path, "cum-1-2020")
    done = make(tmp_path, goal, CAMPAIGN="cum-9-2099")
    assert done.returncode != 0, (done.stdout, done.stderr)
    assert "cum-9-2099" in done.stderr
    assert "Traceback" not in done.stderr


def test_noop_pdf_with_nothing_generated_is_an_error(tmp_path):
    (tmp_path / "outputs").mkdir()
    done = make(tmp_path, "pdf")
    assert done.returncode != 0
    assert "Chưa có văn bản .docx nào" in done.stderr


# =========================================================================== 8. traceback


def test_traceback_check_format_files_with_spaces(tmp_path):
    from docx import Document

    paths = [tmp_path / "van ban 1.docx", tmp_path / "b.docx"]
    for path in paths:
        document = Document()
        document.add_paragraph("Nội dung")
        document.save(path)
    done = make(tmp_path, "check-format", FILES=f"{paths[0]} {paths[1]}")
    assert "Traceback" not in done.stderr
    assert f"{paths[0]}: " in done.stdout and "không tìm thấy tệp" not in done.stdout
    assert f"{paths[1]}: " in done.stdout
