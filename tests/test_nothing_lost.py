"""Nothing lost: hand edits are kept aside, and a failed run writes nothing."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from pipeline.build import build_campaign
from pipeline.config import TEMPLATES
from pipeline.errors import RenderError

from .conftest import edit_workbook
from .docx_tools import paragraphs


pytestmark = pytest.mark.slow  # builds whole campaigns


def test_a_hand_edited_document_is_kept_aside_not_overwritten(campaign_dir, tmp_path):
    out = tmp_path / "out"
    build_campaign(campaign_dir, out, ["ke-hoach"])
    plan = out / campaign_dir.name / "ke-hoach.docx"
    doc = Document(str(plan))
    doc.add_paragraph("Dòng văn thư thêm bằng tay.")
    doc.save(str(plan))

    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chung", "B2"): "Cụm thi đua số 2"})
    outcome = build_campaign(campaign_dir, out, ["ke-hoach"])
    assert outcome.warnings == [
        "ke-hoach.docx đã được sửa tay sau khi tạo: bản sửa tay được giữ lại ở "
        "ke-hoach.sua-tay.docx, văn bản mới được ghi vào ke-hoach.docx."
    ]
    kept = out / campaign_dir.name / "ke-hoach.sua-tay.docx"
    assert "Dòng văn thư thêm bằng tay." in paragraphs(kept)
    assert "Dòng văn thư thêm bằng tay." not in paragraphs(plan)

    # A rebuild of an untouched document keeps nothing more aside.
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chung", "B2"): "Cụm thi đua số 3"})
    assert build_campaign(campaign_dir, out, ["ke-hoach"]).warnings == []
    assert sorted(p.name for p in plan.parent.glob("ke-hoach*")) == ["ke-hoach.docx", "ke-hoach.sua-tay.docx"]


def test_a_second_hand_edit_gets_the_next_name(campaign_dir, tmp_path):
    out = tmp_path / "out"
    plan = out / campaign_dir.name / "ke-hoach.docx"
    build_campaign(campaign_dir, out, ["ke-hoach"])
    for _ in (1, 2):
        plan.write_bytes(plan.read_bytes() + b"\0")  # any change counts
        build_campaign(campaign_dir, out, ["ke-hoach"])
    assert sorted(p.name for p in plan.parent.glob("ke-hoach*")) == [
        "ke-hoach.docx",
        "ke-hoach.sua-tay-2.docx",
        "ke-hoach.sua-tay.docx",
    ]


def test_unchanged_output_is_rewritten_quietly(campaign_dir, tmp_path):
    out = tmp_path / "out"
    build_campaign(campaign_dir, out, ["bien-ban-hop-cum"])
    assert build_campaign(campaign_dir, out, ["bien-ban-hop-cum"]).warnings == []
    assert not list((out / campaign_dir.name).glob("*.sua-tay*"))


def test_a_broken_template_writes_no_document_of_the_campaign(campaign_dir, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "to-trinh.docx").write_bytes(b"not a docx")
    with pytest.raises(RenderError) as info:
        build_campaign(campaign_dir, tmp_path / "out", ["ke-hoach", "to-trinh"], templates)
    assert str(info.value) == "Mẫu to-trinh.docx không phải là tệp Word (.docx) đọc được."
    assert not (tmp_path / "out").exists()
