"""Issue 12: hardened against what arrives in real offices.

One section per item of the issue; every test name starts with the item's topic:

1. figures_*      no silent wrong figures
2. injection_*    nothing from the data runs as code (forms, blank workbook; names: test_make.py)
3. bounds_*       bounded resources
4. photos_*       photos only from anh/
5. codes_*        codes differing only by case; year range
6. interrupted_*  interrupted and concurrent runs
7. noop_*         never a silent no-op (Make: test_make_hardening.py)
8. traceback_*    no traceback, ever
9. install_*      a reproducible install
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pipeline.build import build_campaign
from pipeline.errors import InputError, ValidationError
from pipeline.load import WORKBOOK, load_campaign
from pipeline.validate import validate

from .conftest import ROOT, edit_workbook

SCORES_PART = "xl/worksheets/sheet4.xml"  # `Chấm điểm` in the sample workbook


def rewrite_part(path: Path, part: str, change) -> None:
    """Rewrite one member of an .xlsx zip with change(xml text) -> xml text."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate(load_campaign(folder))
    return [str(p) for p in caught.value.problems]


def cli(
    *args: str, cwd: Path | None = None, limit_memory: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS`; with `limit_memory`, under 1 GiB of address space."""

    def cap():
        gib = 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (gib, gib))

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=cap if limit_memory else None,
    )


# =========================================================================== 1. figures


def test_figures_formula_without_cached_value_is_an_error_naming_the_cell(campaign_dir):
    # openpyxl writes the formula with no cached value, as a script would.
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "D14"): "=C14"})
    problems = problems_of(campaign_dir)
    assert any(
        p.startswith(
            'du-lieu.xlsx › Chấm điểm › dòng 14 › cột "Cụm chấm": ô D14 có '
            "công thức (=C14) nhưng chưa có giá trị tính sẵn"
        )
        for p in problems
    )


def test_figures_formula_without_value_never_reaches_the_news(campaign_dir, tmp_path):
    """The probe: one blank `Cụm chấm` made a B unit an A in the article."""
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "D14"): "=C14-5"})
    with pytest.raises(ValidationError):
        build_campaign(campaign_dir, tmp_path / "out", ["tin-bai"])
    assert not (tmp_path / "out" / campaign_dir.name / "tin-bai.html").exists()


def test_figures_formula_with_cached_value_is_read(campaign_dir):
    def cached(xml: str) -> str:
        return re.sub(r'<c r="D14"([^>]*)>.*?</c>', r'<c r="D14"\1><f>C14</f><v>4</v></c>', xml)

    rewrite_part(campaign_dir / WORKBOOK, SCORES_PART, cached)
    raw = load_campaign(campaign_dir)
    assert not raw.problems
    assert next(r for r in raw.sheets["Chấm điểm"].rows if r.number == 14).get("Cụm chấm") == 4


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!"])
@pytest.mark.slow
def test_figures_error_value_is_an_error_naming_the_cell(campaign_dir, error):
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "D20"): error})
    problems = problems_of(campaign_dir)
    assert any(
        p.startswith(f'du-lieu.xlsx › Chấm điểm › dòng 20 › cột "Cụm chấm": ô D20 có giá trị lỗi {error} của Excel')
        for p in problems
    ), problems


def test_figures_merged_cells_are_an_error_naming_the_range(campaign_dir):
    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    book["Chấm điểm"].merge_cells("A2:A5")  # the unit code typed once for four rows
    book.save(path)
    problems = problems_of(campaign_dir)
    assert any(
        p.startswith('du-lieu.xlsx › Chấm điểm › dòng 2 › cột "Mã đơn vị": các ô A2:A5 được gộp (merge)')
        for p in problems
    ), problems


def test_figures_hidden_rows_are_read_with_a_warning_naming_them(campaign_dir):
    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    for row in (14, 15):
        book["Chấm điểm"].row_dimensions[row].hidden = True
    book.save(path)
    raw = load_campaign(campaign_dir)
    numbers = [r.number for r in raw.sheets["Chấm điểm"].rows]
    assert 14 in numbers and 15 in numbers
    assert any("du-lieu.xlsx › Chấm điểm: các dòng 14, 15 đang bị ẩn trong Excel" in w for w in raw.warnings), (
        raw.warnings
    )
    campaign = validate(raw)
    assert any("14, 15 đang bị ẩn" in w for w in campaign.warnings)


# =========================================================================== 2. injection

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    '=WEBSERVICE("http://example.invalid/")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
]


def _cells_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.slow
def test_injection_unit_name_in_the_self_scoring_form_is_text(campaign_dir, tmp_path, text):
    from pipeline.forms import form_name
    from pipeline.forms.writer import write_forms
    from pipeline.validate import validate_for_forms

    edit_workbook(campaign_dir / WORKBOOK, {("Đơn vị", "B2"): "x"})
    # The hostile name goes in raw (openpyxl would store it as a formula in the input too).
    rewrite_part(
        campaign_dir / WORKBOOK,
        "xl/worksheets/sheet2.xml",
        lambda x: re.sub(
            r'(<c r="B2"[^>]*><is><t>)x<',
            lambda m: m.group(1) + (text.replace("&", "&amp;").replace("<", "&lt;")) + "<",
            x,
        ),
    )
    basis = validate_for_forms(load_campaign(campaign_dir))
    assert basis.units[0].name == text
    write_forms(basis, tmp_path)
    path = tmp_path / form_name(basis.units[0].code)
    book = openpyxl.load_workbook(path)
    cell = book["Tự chấm"]["B2"]
    assert cell.value == text and cell.data_type == "s"
    assert cell.quotePrefix
    assert "<f>" + text.lstrip("=").split("(")[0] not in _cells_xml(path)
    # The group and total sums are still live formulas.
    assert any(c.data_type == "f" for row in book["Tự chấm"].iter_rows() for c in row)


def test_injection_criterion_text_in_the_self_scoring_form_is_text(campaign_dir, tmp_path):
    from pipeline.forms import form_name
    from pipeline.forms.writer import write_forms
    from pipeline.validate import validate_for_forms

    basis = validate_for_forms(load_campaign(campaign_dir))
    import dataclasses

    basis.criteria[1] = dataclasses.replace(basis.criteria[1], content="=1+1")
    basis.field_of_work = "=WEBSERVICE(1)"
    write_forms(basis, tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / form_name(basis.units[0].code))["Tự chấm"]
    content = next(c for c in sheet["B"] if c.value == "=1+1")
    assert content.data_type == "s" and content.quotePrefix
    assert sheet["A1"].data_type == "s"


@pytest.mark.slow
def test_injection_blank_workbook_holds_no_formula(tmp_path, monkeypatch):
    from pipeline import blank
    from pipeline.model import Grade

    monkeypatch.setattr(blank, "DEFAULT_GRADES", (Grade("A", 85, '=HYPERLINK("x")'), Grade("B", 70, "@x")))
    blank.write_blank_workbook(tmp_path / "trong.xlsx")
    assert "<f>" not in _cells_xml(tmp_path / "trong.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "trong.xlsx")["Xếp loại"]
    assert sheet["C2"].value == '=HYPERLINK("x")' and sheet["C2"].data_type == "s"
    assert sheet["C3"].quotePrefix


# =========================================================================== 3. bounds


@pytest.mark.slow
def test_bounds_used_range_at_xfd1048576_is_refused_fast_under_1_gib(campaign_dir, tmp_path):
    def huge(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')

    rewrite_part(campaign_dir / WORKBOOK, SCORES_PART, huge)
    assert (campaign_dir / WORKBOOK).stat().st_size < 100_000
    start = time.monotonic()
    run = cli("build", "--inputs", str(campaign_dir.parent), "--outputs", str(tmp_path / "out"), limit_memory=True)
    assert time.monotonic() - start < 30
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "du-lieu.xlsx › Chấm điểm: trang tính dùng đến ô XFD1048576" in run.stderr


def test_bounds_dimension_alone_claiming_a_huge_range_is_refused(campaign_dir):
    rewrite_part(
        campaign_dir / WORKBOOK,
        SCORES_PART,
        lambda x: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:ZZ900000"/>', x),
    )
    with pytest.raises(InputError, match="trang tính dùng đến ô ZZ900000"):
        load_campaign(campaign_dir)


@pytest.mark.slow
def test_bounds_workbook_decompressing_past_200_mb_is_refused(campaign_dir):
    path = campaign_dir / WORKBOOK
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        with out.open("xl/media/padding.bin", "w") as handle:  # 210 MB of zeros, ~200 KB packed
            chunk = bytes(1024 * 1024)
            for _ in range(210):
                handle.write(chunk)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(InputError, match=r"khi giải nén tệp chiếm \d+ MB, quá giới hạn 200 MB"):
        load_campaign(campaign_dir)


def test_bounds_cell_over_32767_characters_is_an_error(campaign_dir):
    path = campaign_dir / WORKBOOK
    rewrite_part(
        path,
        "xl/worksheets/sheet2.xml",  # `Đơn vị`: B2 is the first unit's name
        lambda x: re.sub(r'(<c r="B2"[^>]*><is><t>)[^<]*', r"\g<1>" + "x" * 40_000, x),
    )
    problems = problems_of(campaign_dir)
    assert any(
        p.startswith('du-lieu.xlsx › Đơn vị › dòng 2 › cột "Tên đơn vị": ô B2 có 40000 ký tự, quá giới hạn 32767')
        for p in problems
    ), problems


def test_bounds_csv_cell_over_32767_characters_is_an_error(tmp_path):
    folder = tmp_path / "csv-dot"
    folder.mkdir()
    (folder / "chung.csv").write_text("Mục,Giá trị\nTên cụm," + "y" * 40_000 + "\n", encoding="utf-8")
    raw = load_campaign(folder)
    assert any(
        str(p).startswith('chung.csv › Chung › dòng 2 › cột "Giá trị": ô B2 có 40000 ký tự') for p in raw.problems
    ), raw.problems


@pytest.mark.slow
def test_bounds_photo_over_the_pixel_limit_is_an_error(campaign_dir, tmp_path):
    from PIL import Image

    Image.new("L", (9000, 6000)).save(campaign_dir / "anh" / "hop-cum.jpg", "JPEG")  # 54 MP
    with pytest.raises(ValidationError) as caught:
        build_campaign(campaign_dir, tmp_path / "out", ["tin-bai"])
    assert [str(p) for p in caught.value.problems] == [
        'du-lieu.xlsx › Ảnh › dòng 4 › cột "Tệp": ảnh "anh/hop-cum.jpg" có 9000 × 6000 điểm ảnh, quá giới '
        "hạn 50 triệu điểm ảnh: hãy thu nhỏ ảnh (ví dụ còn rộng 2000 điểm ảnh) rồi lưu lại."
    ]


@pytest.mark.slow
def test_bounds_32767_character_title_is_laid_out_in_linear_time(campaign_dir, tmp_path):
    edit_workbook(
        campaign_dir / WORKBOOK,
        {
            ("Chung", "B3"): ("công tác văn thư, lưu trữ " * 2000)[:32_767],
            ("Chung", "B2"): ("Cụm thi đua số 1 " * 3000)[:32_767],
        },
    )
    start = time.monotonic()
    run = cli(
        "build",
        "--inputs",
        str(campaign_dir.parent),
        "--outputs",
        str(tmp_path / "out"),
        "--doc",
        "all",
        "--jobs",
        "1",
        timeout=90,
    )
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - start < 60  # every document of the campaign; 72 s each before


def _reference_balanced(text, size, bold, width):
    """The layout as first written (quadratic): the fast one must give the same lines."""
    from pipeline.metrics import text_width_cm

    words = text.split()
    if text_width_cm(text, size, bold) <= width or len(words) < 2:
        return [text]
    best = None
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(text_width_cm(line, size, bold) for line in lines)
        if best is None or widest < best[0]:
            best = (widest, lines)
    if best[0] <= width:
        return best[1]
    return _reference_balanced(best[1][0], size, bold, width) + _reference_balanced(best[1][1], size, bold, width)


@pytest.mark.slow
def test_bounds_fast_layout_gives_the_same_lines_as_before():
    import random

    from pipeline.metrics import balanced_lines_uncached

    rng = random.Random(12)
    words = "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI công tác văn thư lưu trữ W iiii Kế hoạch".split()
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        args = (text, rng.choice([12, 13, 14]), rng.random() < 0.5, rng.choice([2.5, 5.5, 8, 16.5]))
        assert balanced_lines_uncached(*args) == _reference_balanced(*args)


def test_bounds_balanced_lines_of_32767_characters_take_under_a_second():
    from pipeline.metrics import balanced_lines_uncached

    text = ("ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI " * 1100)[:32_767]
    start = time.monotonic()
    lines = balanced_lines_uncached(text, 13, True, 8.0)
    assert time.monotonic() - start < 1.0
    assert " ".join(lines) == " ".join(text.split())


SANDBOX_PROBE = """
import sys
from pathlib import Path
from docx import Document
from pipeline.errors import RenderError
from pipeline.render import render_bytes
folder = Path(sys.argv[1])
doc = Document()
doc.add_paragraph(sys.argv[2])
doc.save(folder / "t.docx")
try:
    render_bytes("t", {}, folder)
except RenderError as error:
    print(error)
    sys.exit(3)
"""


@pytest.mark.parametrize(
    "tag",
    [
        "{{ range(10**9)|list|length }}",
        "{{ 'a' * 10**9 }}",
        "{{ [0] * 10**9 }}",
        "{{ 'a'|center(10**9) }}",
        "{{ 'a'.ljust(10**9) }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ 10 ** 10 ** 10 }}",
    ],
)
@pytest.mark.slow
def test_bounds_template_computing_huge_values_is_stopped_by_the_sandbox(tmp_path, tag):
    def cap():
        gib = 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (gib, gib))

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", SANDBOX_PROBE, str(tmp_path), tag],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=cap,
    )
    assert time.monotonic() - start < 30
    assert run.returncode == 3, run.stderr[-2000:]
    assert run.stdout.startswith("Mẫu t.docx: phép tính quá lớn (")
    assert "môi trường khép kín của mẫu đã chặn lại" in run.stdout


def test_bounds_sandbox_still_computes_ordinary_things(tmp_path):
    from docx import Document

    from pipeline.render import render_bytes
    from .docx_tools import paragraphs

    doc = Document()
    doc.add_paragraph(
        "{{ 2 * 3 }} {{ 'ab' * 2 }} {{ range(3)|list|join(',') }} {{ 2 ** 10 }} {{ '%s-%d' % ('a', 5) }} {{ n + 1 }}"
    )
    doc.save(tmp_path / "t.docx")
    (tmp_path / "out.docx").write_bytes(render_bytes("t", {"n": 41}, tmp_path))
    assert paragraphs(tmp_path / "out.docx") == ["6 abab 0,1,2 1024 a-5 42"]


# =========================================================================== 4. photos


@pytest.fixture
def outside_photo(tmp_path) -> Path:
    from PIL import Image

    secret = tmp_path / "secret" / "giay-to-mat.jpg"
    secret.parent.mkdir()
    Image.new("RGB", (64, 48), "red").save(secret, "JPEG")
    return secret


def _photo_problems(campaign_dir: Path, name: str) -> list[str]:
    edit_workbook(campaign_dir / WORKBOOK, {("Ảnh", "A2"): name})
    return [p for p in problems_of(campaign_dir) if "Ảnh" in p]


def test_photos_absolute_path_is_an_error(campaign_dir, outside_photo):
    assert _photo_problems(campaign_dir, str(outside_photo)) == [
        f'du-lieu.xlsx › Ảnh › dòng 2 › cột "Tệp": ảnh "{outside_photo}" phải là một tệp trong '
        'thư mục anh/ của đợt thi đua (không ghi đường dẫn tuyệt đối, "../" hay lối tắt ra ngoài).'
    ]


def test_photos_dotdot_path_is_an_error(campaign_dir, outside_photo):
    name = os.path.relpath(outside_photo, campaign_dir / "anh")
    assert name.startswith("..")
    problems = _photo_problems(campaign_dir, name)
    assert len(problems) == 1 and "phải là một tệp trong thư mục anh/" in problems[0]


def test_photos_symlink_leaving_anh_is_an_error(campaign_dir, outside_photo, tmp_path):
    (campaign_dir / "anh" / "link.jpg").symlink_to(outside_photo)
    problems = _photo_problems(campaign_dir, "link.jpg")
    assert len(problems) == 1 and "phải là một tệp trong thư mục anh/" in problems[0]
    with pytest.raises(ValidationError):
        build_campaign(campaign_dir, tmp_path / "out", ["tin-bai"])
    assert not (tmp_path / "out").exists()


def test_photos_inside_anh_and_symlinks_within_it_still_work(campaign_dir):
    (campaign_dir / "anh" / "ban-sao.jpg").symlink_to(campaign_dir / "anh" / "hop-cum.jpg")
    edit_workbook(campaign_dir / WORKBOOK, {("Ảnh", "A2"): "ban-sao.jpg"})
    campaign = validate(load_campaign(campaign_dir))
    assert campaign.photos[0].file.name == "ban-sao.jpg"


# =========================================================================== 5. codes


def test_codes_differing_only_by_case_are_an_error(campaign_dir):
    edit_workbook(campaign_dir / WORKBOOK, {("Đơn vị", "append"): ["pl", "UBND phường Phúc Lợi Mới", "Phúc Lợi Mới"]})
    problems = problems_of(campaign_dir)
    assert (
        'du-lieu.xlsx › Đơn vị › dòng 7 › cột "Mã": mã "pl" chỉ khác mã "PL" (dòng 2) ở chữ '
        "hoa, chữ thường: tên tệp văn bản của hai mã sẽ trùng nhau; hãy dùng mã khác." in problems
    ), problems


def test_codes_case_twin_helper():
    from pipeline.sanity import same_but_case

    assert same_but_case("pl", ["PL", "VH"]) == "PL"
    assert same_but_case("PL", ["PL", "VH"]) is None
    assert same_but_case("DG", ["PL", "VH"]) is None


@pytest.mark.parametrize("typed", ["0020", 20, 1899, 2101, "20"])
@pytest.mark.slow
def test_codes_year_outside_a_sane_range_is_an_error(campaign_dir, typed):
    edit_workbook(campaign_dir / WORKBOOK, {("Chung", "B4"): typed})
    problems = problems_of(campaign_dir)
    assert any(
        p.startswith(
            f'du-lieu.xlsx › Chung › dòng 4 › cột "Giá trị": năm "{typed}" không hợp lệ: cần một năm từ 2000 đến 2100'
        )
        for p in problems
    ), problems


# =========================================================================== 6. interrupted

ALL = ["ke-hoach", "bien-ban-kiem-tra", "bien-ban-hop-cum", "to-trinh", "tin-bai"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".docx", ".html")}


@pytest.mark.slow
def test_interrupted_identical_inputs_give_byte_identical_documents(campaign_dir, tmp_path):
    first = build_campaign(campaign_dir, tmp_path / "a", ALL)
    time.sleep(1.1)  # a second later: build times and zip dates would differ
    build_campaign(campaign_dir, tmp_path / "b", ALL)
    a, b = _files(tmp_path / "a" / campaign_dir.name), _files(tmp_path / "b" / campaign_dir.name)
    assert "tin-bai.docx" in a and "tin-bai.html" in a and len(a) == len(first.written)
    assert a == b


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (no except Exception catches it)."""


def _kill_after(monkeypatch, count: int):
    from pipeline import files, manifest

    real = files.write_atomic
    seen = {"n": 0}

    def dying(path, data):
        if Path(path).suffix in (".docx", ".html"):
            seen["n"] += 1
            if seen["n"] > count:
                raise _Killed()
        return real(path, data)

    monkeypatch.setattr(manifest, "write_atomic", dying)


@pytest.mark.parametrize("change", [False, True], ids=["same-data", "data-changed"])
@pytest.mark.slow
def test_interrupted_run_killed_part_way_then_rerun_makes_no_false_hand_edit(
    campaign_dir, tmp_path, monkeypatch, change
):
    out = tmp_path / "out"
    build_campaign(campaign_dir, out, ALL)  # a first, complete run
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "D2"): 4})
    with monkeypatch.context() as patch:
        _kill_after(patch, 3)
        with pytest.raises(_Killed):
            build_campaign(campaign_dir, out, ALL)
    if change:
        edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "D2"): 3})
    time.sleep(1.1)
    outcome = build_campaign(campaign_dir, out, ALL)
    folder = out / campaign_dir.name
    assert not [p.name for p in folder.iterdir() if ".sua-tay" in p.name]
    assert not [w for w in outcome.warnings if "sửa tay" in w]


def test_interrupted_write_leaves_no_stray_temporary_file(campaign_dir, tmp_path):
    folder = tmp_path / "out" / campaign_dir.name
    folder.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    stray = folder / f".vanban-ke-hoach.docx.{dead}.k1ll3d.tmp"
    stray.write_bytes(b"half a document")
    old = folder / ".vanban-to-trinh-khen-thuong.docx.q8x.tmp"  # no pid, two hours old
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 7200,) * 2)
    build_campaign(campaign_dir, tmp_path / "out", ["ke-hoach"])
    assert not stray.exists() and not old.exists()
    assert not list(folder.glob("*.tmp"))


def test_interrupted_live_writer_temporary_file_is_left_alone(tmp_path):
    from pipeline.files import clean_stray_temps

    mine = tmp_path / f".vanban-a.docx.{os.getpid()}.abc.tmp"
    mine.write_bytes(b"being written")
    assert clean_stray_temps(tmp_path) == []
    assert mine.exists()


@pytest.mark.slow
def test_interrupted_second_build_on_the_same_outputs_waits_then_does_its_work(campaign_dir, tmp_path):
    from pipeline.runner import output_lock

    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with output_lock(out):  # a first build still running
        second = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "build",
                "--inputs",
                str(campaign_dir.parent),
                "--outputs",
                str(out),
                "--doc",
                "plan",
                "--jobs",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        said: list[str] = []  # its stderr, read until it says it waits for the lock
        reader = threading.Thread(target=lambda: said.extend(second.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while not any("Đang chờ lượt tạo văn bản khác" in line for line in said):
            assert second.poll() is None, "".join(said)  # it waits, it does not exit 0
            assert time.monotonic() < deadline, "no word that it waits"
            time.sleep(0.05)
        assert second.poll() is None  # still waiting, having skipped nothing
        assert not (out / campaign_dir.name / "ke-hoach.docx").exists()
    second.wait(timeout=120)
    reader.join(timeout=10)
    stderr = "".join(said)
    assert second.returncode == 0, stderr
    assert (out / campaign_dir.name / "ke-hoach.docx").exists()


def test_interrupted_queue_lines_cut_short_are_skipped(tmp_path):
    from pipeline.makeproto import read_queue

    queue = tmp_path / ".hang-doi-1"
    queue.write_text("cum-1-2020 ke-hoach\ncum-1-2020 tin-b\nrac\n\ncum-2 minutes\n", encoding="utf-8")
    assert read_queue(queue) == {"cum-1-2020": ["ke-hoach"], "cum-2": ["minutes"]}


def _fail_writes(monkeypatch, error: int, after: int):
    """Make the OS refuse every document write after `after` of them."""
    import errno as _errno

    from pipeline import files

    real = files.os.fdopen
    seen = {"n": 0}

    class Handle:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(error, os.strerror(error))

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real(fd, mode, *args, **kwargs)
        seen["n"] += 1
        return Handle(handle) if seen["n"] > after else handle

    assert _errno.errorcode[error]
    monkeypatch.setattr(files.os, "fdopen", fdopen)


@pytest.mark.parametrize(
    "error, words",
    [(28, "ổ đĩa đã đầy"), (13, "không có quyền ghi"), (30, "không có quyền ghi")],
    ids=["ENOSPC", "EACCES", "EROFS"],
)
@pytest.mark.slow
def test_traceback_full_disk_or_read_only_output_is_one_line(campaign_dir, tmp_path, monkeypatch, error, words):
    from click.testing import CliRunner

    from pipeline.cli import main

    out = tmp_path / "out"
    first = CliRunner().invoke(
        main, ["build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "--doc", "all", "--jobs", "1"]
    )
    assert first.exit_code == 0, first.output
    folder = out / campaign_dir.name
    before = _files(folder)
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "D2"): 4})
    _fail_writes(monkeypatch, error, after=2)
    run = CliRunner().invoke(
        main, ["build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "--doc", "all", "--jobs", "1"]
    )
    assert run.exit_code == 1
    assert run.exception is None or isinstance(run.exception, SystemExit)
    assert "Traceback" not in run.output
    lines = [line for line in run.output.splitlines() if line.startswith("Lỗi:")]
    assert len(lines) == 1 and words in lines[0], run.output
    # Every document is whole (the old one or the new one), the manifest is whole JSON.
    import json

    after = _files(folder)
    assert set(after) == set(before)
    for name, data in after.items():
        if name.endswith(".docx"):
            assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    json.loads((folder / ".vanban-manifest.json").read_text(encoding="utf-8"))
    assert not list(folder.glob("*.tmp"))


# =========================================================================== 8. traceback


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_traceback_noncharacter_in_workbook_is_a_cell_error(campaign_dir, char):
    # Written raw into the sheet's XML, as a careless exporter would (openpyxl refuses).
    rewrite_part(
        campaign_dir / WORKBOOK,
        "xl/worksheets/sheet2.xml",
        lambda x: re.sub(r'(<c r="B3"[^>]*><is><t>)', r"\g<1>" + char, x),
    )
    problems = problems_of(campaign_dir)
    code = f"U+{ord(char):04X}"
    assert any(
        p.startswith(f'du-lieu.xlsx › Đơn vị › dòng 3 › cột "Tên đơn vị": ô có ký tự điều khiển không in được ({code})')
        for p in problems
    ), problems


def test_traceback_noncharacter_in_csv_is_a_cell_error(tmp_path):
    folder = tmp_path / "csv-dot"
    folder.mkdir()
    (folder / "chung.csv").write_text("Mục,Giá trị\nTên cụm,Cụm\ufffe 1\n", encoding="utf-8")
    raw = load_campaign(folder)
    assert [str(p) for p in raw.problems] == [
        'chung.csv › Chung › dòng 2 › cột "Giá trị": ô có ký tự điều khiển không in được '
        "(U+FFFE), thường do dán từ phần mềm khác; hãy xóa nội dung ô và gõ lại."
    ]


def test_traceback_csv_with_nul_byte_is_an_input_error(tmp_path):
    folder = tmp_path / "csv-dot"
    folder.mkdir()
    (folder / "chung.csv").write_bytes("Mục,Giá trị\nTên cụm,a\x00b\n".encode("utf-8"))
    try:
        raw = load_campaign(folder)
    except InputError as error:
        assert str(error).startswith("chung.csv: ")
    else:
        assert any("U+0000" in str(p) for p in raw.problems)


def test_traceback_check_format_on_a_docx_without_body(tmp_path):
    from click.testing import CliRunner
    from docx import Document

    from pipeline.cli import main

    whole = tmp_path / "co-noi-dung.docx"
    document = Document()
    document.add_paragraph("Nội dung")
    document.save(whole)
    hollow = tmp_path / "khong-body.docx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(hollow, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb"<w:body>.*</w:body>", b"", data, flags=re.S)
                assert b"<w:body" not in data
            out.writestr(info, data)
    run = CliRunner().invoke(main, ["check-format", str(hollow), str(whole)])
    assert run.exit_code == 2
    out = run.stdout
    assert (
        f"{hollow}: không đọc được: không mở được như văn bản Word .docx: phần nội dung "
        "chính (<w:body>) của tệp bị thiếu." in out
    )
    assert f"{whole}: " in out


def test_traceback_check_format_files_listed_as_make_gives_them(tmp_path, monkeypatch):
    """FILES="van ban 1.docx b.docx" reaches `check-format --files` as one string."""
    from click.testing import CliRunner
    from docx import Document

    from pipeline.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("van ban 1.docx", "b.docx", "-ban-sao.docx"):
        Document().save(tmp_path / name)
    run = CliRunner().invoke(main, ["check-format", "--files", "van ban 1.docx b.docx '-ban-sao.docx'"])
    assert run.exit_code in (0, 1), run.output
    for name in ("van ban 1.docx", "b.docx", "-ban-sao.docx"):
        assert f"{name}: " in run.stdout
    assert "không tìm thấy tệp" not in run.stdout


# =========================================================================== 9. install


def _lock_entries() -> dict[str, list[str]]:
    """requirements.lock: `name==version ; marker` -> its hashes."""
    entries: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("--hash=sha256:"):
            assert current is not None
            entries[current].append(stripped.split(":", 1)[1].rstrip(" \\"))
        else:
            current = stripped.rstrip(" \\")
            entries[current] = []
    return entries


def test_install_every_locked_dependency_is_pinned_with_hashes():
    entries = _lock_entries()
    assert entries
    for requirement, hashes in entries.items():
        assert re.match(r"[A-Za-z0-9._-]+==[^ ;]+( ;.*)?$", requirement), requirement
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), requirement


def test_install_lock_covers_every_dependency_of_pyproject():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    locked = {re.split(r"==", r)[0].lower().replace("_", "-") for r in _lock_entries()}

    def name(requirement: str) -> str:
        return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    assert {name(r) for r in wanted} - locked == set()
    assert "setuptools" in locked  # the project is installed without build isolation


def test_install_make_installs_from_the_lock_with_require_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert "$(READY): pyproject.toml requirements.lock" in makefile
    assert re.search(r"^lock: .*## ", makefile, re.MULTILINE)
    assert "--no-config" in makefile and "--generate-hashes" in makefile
