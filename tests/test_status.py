"""Status in the output folder: LOI.txt, CANH-BAO.txt and outputs/index.html."""

from __future__ import annotations

import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from pipeline import listing, runner, status
from pipeline.cli import main

from .conftest import SAMPLE, edit_workbook


pytestmark = pytest.mark.slow  # builds whole campaigns


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def build(campaign_dir: Path, out: Path):
    return run("build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "--doc", "all")


def fingerprints(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in folder.iterdir()
        if p.suffix in (".docx", ".html", ".pdf")
    }


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs)["href"])


def links(index: Path) -> list[str]:
    parser = Links()
    parser.feed(index.read_text(encoding="utf-8"))
    return parser.links


def row_of(index: Path, campaign: str) -> str:
    text = index.read_text(encoding="utf-8")
    found = re.search(rf'<tr id="dot-{campaign}">(.*?)</tr>', text, re.S)
    assert found, f"{campaign} is not listed"
    return found.group(1)


def test_failure_writes_the_terminal_lines_to_loi_txt_for_notepad(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    assert build(campaign_dir, out).exit_code == 0
    before = fingerprints(out / "cum-1-2020")
    # 5 + 1 minutes, plan, proposal, news (.docx and .html), decision, certificates (and proof)
    assert len(before) == 13

    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "D14"): 12, ("Người", "D2"): "chủ tọa"})
    result = build(campaign_dir, out)
    assert result.exit_code == 1
    raw = (out / "cum-1-2020" / "LOI.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    # LOI.txt holds the terminal's error lines (its warnings go to CANH-BAO.txt)
    assert result.stderr.replace("\n", "\r\n").startswith(raw[3:].decode("utf-8"))
    lines = raw[3:].decode("utf-8").splitlines()
    assert lines[0].startswith("Lỗi: cum-1-2020: dữ liệu có 2 lỗi; chưa tạo ")
    assert lines[1].startswith('  du-lieu.xlsx › Chấm điểm › dòng 14 › cột "Cụm chấm" › ô D14: điểm 12 ')
    after = fingerprints(out / "cum-1-2020")
    # what needs the scores or the people keeps its last good version, untouched; what needs
    # neither (the plan, the decision and its certificates) is built from the new workbook
    kept = {"bien-ban-hop-cum.docx", "to-trinh-khen-thuong.docx", "tin-bai.docx", "tin-bai.html"} | {
        n for n in before if n.startswith("bien-ban-kiem-tra-")
    }
    assert {n: after[n] for n in kept} == {n: before[n] for n in kept}
    assert all(after[n] != before[n] for n in ("ke-hoach.docx", "quyet-dinh-khen-thuong.docx", "giay-khen.docx"))
    assert "biên bản họp cụm" in lines[0] and "kế hoạch" not in lines[0]

    index = out / "index.html"
    row = row_of(index, "cum-1-2020")
    assert "có lỗi" in row and 'href="cum-1-2020/LOI.txt"' in row
    assert 'href="cum-1-2020/ke-hoach.docx"' in row  # the previous documents stay listed


def test_success_removes_loi_txt_and_lists_warnings(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "D14"): 12})
    assert build(campaign_dir, out).exit_code == 1
    assert (out / "cum-1-2020" / "LOI.txt").exists()
    assert "có lỗi" in row_of(out / "index.html", "cum-1-2020")

    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "D14"): 4, ("Văn bản", "delete"): 4})
    result = build(campaign_dir, out)
    assert result.exit_code == 0, result.output
    assert not (out / "cum-1-2020" / "LOI.txt").exists()
    raw = (out / "cum-1-2020" / "CANH-BAO.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    assert raw[3:].decode("utf-8") == result.stderr.replace("\n", "\r\n")
    assert raw[3:].decode("utf-8").startswith('Cảnh báo: cum-1-2020: Trang "Văn bản" chưa có dòng "bien-ban-hop-cum"')
    row = row_of(out / "index.html", "cum-1-2020")
    assert "có cảnh báo" in row and 'href="cum-1-2020/CANH-BAO.txt"' in row

    shutil.copy(SAMPLE / "du-lieu.xlsx", campaign_dir / "du-lieu.xlsx")
    result = build(campaign_dir, out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert not (out / "cum-1-2020" / "CANH-BAO.txt").exists()
    assert not (out / "cum-1-2020" / "LOI.txt").exists()
    row = row_of(out / "index.html", "cum-1-2020")
    assert "đã tạo" in row and "cảnh báo" not in row and "LOI.txt" not in row


def test_index_lists_every_campaign_with_links_that_open(campaign_dir, tmp_path):
    broken = campaign_dir.parent / "cum-2-2020"
    shutil.copytree(campaign_dir, broken)
    (broken / "du-lieu.xlsx").write_bytes(b"PK not really")
    out = tmp_path / "outputs"
    assert build(campaign_dir, out).exit_code == 1
    index = out / "index.html"
    text = index.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert "<script" not in text  # readable offline, in any browser
    good, bad = row_of(index, "cum-1-2020"), row_of(index, "cum-2-2020")
    assert "đã tạo" in good and "chưa có văn bản" not in good
    assert "có lỗi" in bad and "chưa có văn bản" in bad
    when = status.load(out / "cum-1-2020").time.astimezone().strftime("%d/%m/%Y %H:%M:%S")
    assert f"<td>{when}</td>" in good
    hrefs = links(index)
    expected = {f"cum-1-2020/{p.name}" for p in (out / "cum-1-2020").iterdir() if p.suffix in (".docx", ".html")} | {
        "cum-2-2020/LOI.txt"
    }
    assert set(hrefs) == expected
    for href in hrefs:
        assert (out / unquote(href)).is_file(), href


def test_index_escapes_names_and_quotes_links(tmp_path):
    out = tmp_path / "outputs"
    folder = out / "dot <b>&"
    folder.mkdir(parents=True)
    (folder / "tờ trình #1.docx").write_bytes(b"x")
    listing.write_index(out)
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "dot &lt;b&gt;&amp;" in text and "<b>" not in text
    assert 'href="dot%20%3Cb%3E%26/t%E1%BB%9D%20tr%C3%ACnh%20%231.docx"' in text


def test_build_and_record_is_the_one_path_and_never_raises_for_bad_input(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    first = runner.build_and_record(campaign_dir, out)
    assert first.state == status.BUILT and first.written == 13 and first.warnings == []
    before = fingerprints(out / "cum-1-2020")
    (campaign_dir / "du-lieu.xlsx").write_bytes(b"PK not really")
    second = runner.build_and_record(campaign_dir, out)
    assert second.state == status.FAILED and second.problems == []
    assert second.message.startswith("du-lieu.xlsx: không đọc được tệp này")
    assert status.load(out / "cum-1-2020") == second
    assert fingerprints(out / "cum-1-2020") == before
    assert (out / "cum-1-2020" / "LOI.txt").read_bytes().decode("utf-8-sig") == (
        f"Lỗi: cum-1-2020: {second.message}\r\n"
    )
    assert "có lỗi" in row_of(out / "index.html", "cum-1-2020")


def test_warm_up_compiles_every_template_and_leaves_a_broken_one_to_its_build(tmp_path, monkeypatch):
    from pipeline import render

    templates = tmp_path / "templates"
    shutil.copytree(SAMPLE.parents[1] / "templates_docx", templates)
    (templates / "hong.docx").write_bytes(b"PK not a template")
    tried = []

    def recording(path):
        tried.append(path.name)
        return real(path)

    real = render.compiled
    monkeypatch.setattr(render, "compiled", recording)
    render._compiled.cache_clear()
    runner.warm_up(templates)  # no exception for hong.docx
    good = sorted(p.name for p in (SAMPLE.parents[1] / "templates_docx").glob("*.docx"))
    assert tried == sorted(good + ["hong.docx"])
    assert render._compiled.cache_info().currsize == len(good)
