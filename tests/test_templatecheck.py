"""make check-templates: a broken template is named with the tag at fault."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import TEMPLATES

NAME = "bien-ban-hop-cum.docx"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the templates folder whose meeting template has `old` replaced by `new` in its XML."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    path = folder / NAME
    with zipfile.ZipFile(TEMPLATES / NAME) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            dst.writestr(info, data)
    return folder


def check(folder: Path):
    return CliRunner().invoke(main, ["check-templates", "--templates", str(folder)])


@pytest.mark.slow
def test_the_shipped_templates_pass():
    result = check(TEMPLATES)
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": đạt\n") == len(list(TEMPLATES.glob("*.docx")))


@pytest.mark.slow
def test_tag_split_across_runs(tmp_path):
    folder = edited(
        tmp_path, "<w:t>{{ outcome }}</w:t>", "<w:t>{{ out</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>come }}</w:t>"
    )
    result = check(folder)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{folder / NAME}: thẻ `{{{{ outcome }}}}` bị Word tách thành nhiều "
        "đoạn định dạng; hãy xóa thẻ và gõ lại liền một lần, cùng một "
        "định dạng.\n"
    )


@pytest.mark.slow
def test_unclosed_loop(tmp_path):
    folder = edited(tmp_path, "{%tr endfor %}", "")
    result = check(folder)
    assert result.exit_code == 1
    assert f"{folder / NAME}: thẻ `{{%tr for r in results %}}` chưa có thẻ đóng `{{% endfor %}}`." in result.stderr


@pytest.mark.slow
def test_unknown_variable(tmp_path):
    folder = edited(tmp_path, "{{ outcome }}", "{{ ket_qua }}")
    result = check(folder)
    assert result.exit_code == 1
    assert result.stderr == (f"{folder / NAME}: Mẫu {NAME} dùng biến chưa có dữ liệu: ket_qua.\n")


@pytest.mark.slow
def test_unknown_attribute(tmp_path):
    folder = edited(tmp_path, "{{ r.unit }}", "{{ r.ten_don_vi }}")
    result = check(folder)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{folder / NAME}: Mẫu {NAME}: ")
    assert "ten_don_vi" in result.stderr


@pytest.mark.parametrize(
    "payload",
    [
        "{{ outcome.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    ],
)
@pytest.mark.slow
def test_template_cannot_run_code(tmp_path, payload):
    folder = edited(tmp_path, "{{ outcome }}", payload.replace("'", "&apos;"))
    result = check(folder)
    assert result.exit_code == 1
    assert f"{folder / NAME}: Mẫu {NAME}" in result.stderr


def test_every_word_template_is_rendered_with_a_real_context():
    """Each template's variables are checked against what a run passes, the summary's too."""
    from pipeline.templatecheck import sample_contexts

    contexts = sample_contexts()
    assert {p.stem for p in TEMPLATES.glob("*.docx")} <= set(contexts)
    assert {"quyet-dinh", "giay-khen", "bao-cao-tong-hop"} <= set(contexts)


@pytest.mark.slow
def test_templates_are_checked_without_the_sample_campaign(tmp_path, monkeypatch):
    """An office's copy with only its own campaigns in inputs/: the example workbook gives
    every template its context, and a broken one is still found."""
    from pipeline import config, templatecheck

    root = tmp_path / "copy"
    (root / "inputs").mkdir(parents=True)
    monkeypatch.setattr(config, "ROOT", root)
    contexts = templatecheck.sample_contexts()
    assert {p.stem for p in TEMPLATES.glob("*.docx")} <= set(contexts)
    assert "Cụm thi đua số 1" not in repr(contexts)  # the example's alone, not the sample's
    result = check(TEMPLATES)
    assert result.exit_code == 0, result.output
    broken = edited(tmp_path, "{{", "{{ chua_co_du_lieu }}{{")
    result = check(broken)
    assert result.exit_code == 1 and "chua_co_du_lieu" in result.stderr
