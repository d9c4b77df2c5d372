"""The command line every Make target calls; the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import click

from . import build as builder
from . import kinds as registry
from . import selfcheck
from . import listing, runner, status
from .config import TEMPLATES
from .errors import PipelineError
from .makeproto import read_queue

CHOICES = registry.NAMES
PROGRESS_FROM = 20  # runs with at least this many items show a progress bar


def _fail(campaign: str | None, error: PipelineError, made: str = "văn bản") -> None:
    for line in status.failure_lines(campaign, error, made):
        click.echo(line, err=True)


class Refused(PipelineError):
    """A command that cannot start (nothing to build, no template, a bad option): its message
    after `Lỗi: `, and the exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


ON_ERROR = "vanban.on_error"  # ctx.meta: (campaign, what was not made, exit code)


def on_error(campaign: str | None = None, made: str = "văn bản", code: int = 1) -> None:
    """How the running command's PipelineError is told: the campaign it names, what it did
    not make, its exit code (default: no campaign, văn bản, 1)."""
    click.get_current_context().meta[ON_ERROR] = (campaign, made, code)


class Command(click.Command):
    """The one place a PipelineError becomes its lines on stderr and its exit code; a command
    returning an int exits with it."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
        except PipelineError as error:
            campaign, made, code = ctx.meta.get(ON_ERROR, (None, "văn bản", 1))
            _fail(campaign, error, made)
            ctx.exit(error.code if isinstance(error, Refused) else code)
        if isinstance(result, int):
            ctx.exit(result)
        return result


class Group(click.Group):
    command_class = Command


def _progress(total: int, label: str):
    """A progress bar on stderr for long runs; None (quiet) for short ones."""
    if total < PROGRESS_FROM:
        return None
    return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True)


def _build_one(folder: Path, outputs: Path, kinds: list[str], templates: Path) -> runner.Built:
    """Worker: build one campaign (not while the watcher or the web page builds it)."""
    return runner.build(folder, outputs, kinds, templates)


def _report(folder: Path, outputs: Path, built: runner.Built) -> bool:
    """Say in the terminal what one build did, and record it (runner.record)."""
    outcome = built.outcome
    if built.error is not None:
        _fail(folder.name, built.error)
        try:
            runner.record(outputs, built)
        except PipelineError:
            pass  # LOI.txt cannot be written either (a full disk): the line above said why
        return False
    if outcome.problems:  # some documents held back by input problems: exit non-zero
        for line in status.partial_lines(folder.name, outcome):
            click.echo(line, err=True)
    for line in status.warning_lines(folder.name, outcome.warnings):
        click.echo(line, err=True)
    try:
        runner.record(outputs, built)
    except PipelineError as error:
        _fail(folder.name, error)
        return False
    faulty = selfcheck.faulty(outcome)
    if faulty:  # never reported as simply built
        click.echo(
            f"{folder.name}: đã ghi {len(outcome.written)} văn bản trong "
            f"{outputs / folder.name}/, trong đó {len(faulty)} văn bản có lỗi thể thức do "
            f"chương trình ({', '.join(faulty)}; xem cảnh báo ở trên)"
            + (" và còn văn bản chưa tạo (xem lỗi ở trên)" if outcome.problems else "")
        )
        return not outcome.problems
    if outcome.problems:
        click.echo(
            f"{folder.name}: đã tạo {len(outcome.written)} văn bản trong "
            f"{outputs / folder.name}/ (còn văn bản chưa tạo, xem lỗi ở trên)"
        )
        return False
    click.echo(f"{folder.name}: đã tạo {len(outcome.written)} văn bản trong {outputs / folder.name}/")
    return True


INPUTS = click.option(
    "--inputs",
    type=click.Path(path_type=Path),
    default=Path("inputs"),
    show_default=True,
    help="Thư mục chứa các đợt thi đua.",
)
OUTPUTS = click.option(
    "--outputs",
    type=click.Path(path_type=Path),
    default=Path("outputs"),
    show_default=True,
    help="Thư mục ghi văn bản.",
)
CAMPAIGNS = click.option(
    "--campaign",
    "-c",
    "campaigns",
    multiple=True,
    help="Chỉ làm cho đợt này (tên thư mục trong inputs/); có thể ghi nhiều lần.",
)
TEMPLATES_OPTION = click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    default=TEMPLATES,
    show_default=True,
    help="Thư mục mẫu văn bản (.docx).",
)
JOBS = click.option("--jobs", "-j", type=int, default=0, help="Số tiến trình chạy song song (mặc định: số lõi CPU).")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Sinh văn bản thi đua theo Nghị định 30/2020/NĐ-CP từ bảng tính du-lieu.xlsx."""


@main.command("build")
@INPUTS
@OUTPUTS
@CAMPAIGNS
@TEMPLATES_OPTION
@click.option(
    "--doc",
    "-d",
    "kinds",
    multiple=True,
    type=click.Choice(CHOICES),
    default=("minutes",),
    show_default=True,
    help="Loại văn bản cần tạo.",
)
@click.option(
    "--queue",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp danh sách `đợt loại-văn-bản` cần tạo (Make ghi tệp này).",
)
@JOBS
def build_command(
    inputs: Path,
    outputs: Path,
    campaigns: tuple[str, ...],
    templates: Path,
    kinds: tuple[str, ...],
    queue: Path | None,
    jobs: int,
) -> int:
    """Tạo văn bản cho mọi đợt thi đua trong INPUTS (hoặc các đợt được chọn)."""
    if queue is not None:
        if not queue.exists():
            return 0
        wanted = read_queue(queue)  # the queue Make wrote (pipeline/makeproto.py)
        folders = builder.find_campaigns(inputs, tuple(wanted))
        plan = [(f, registry.expand(wanted[f.name])) for f in folders]
    else:
        folders = builder.find_campaigns(inputs, campaigns)
        plan = [(f, registry.expand(kinds)) for f in folders]
    if not plan:
        raise Refused(f"không có đợt thi đua nào trong {inputs} (mỗi đợt là một thư mục có tệp du-lieu.xlsx).")
    from .runner import output_lock

    with output_lock(outputs, waiting=_waiting):  # a second goal on the same outputs/ waits
        ok = _build_plan(plan, outputs, templates, jobs)
        try:
            listing.write_index(outputs, inputs)
        except PipelineError as error:
            if ok:  # a failed campaign already said why nothing more could be written
                _fail(None, error)
            ok = False
    return 0 if ok else 1


def _waiting(outputs: Path) -> None:
    click.echo(f"Đang chờ lượt tạo văn bản khác trên {outputs}/ kết thúc…", err=True)


def _build_plan(plan, outputs: Path, templates: Path, jobs: int) -> bool:
    workers = min(jobs or os.cpu_count() or 1, len(plan))
    ok = True
    if workers == 1:
        for folder, wanted_kinds in plan:
            ok &= _report(folder, outputs, _build_one(folder, outputs, wanted_kinds, templates))
    else:
        bar = _progress(len(plan), "Đang tạo văn bản")
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_build_one, f, outputs, k, templates): f for f, k in plan}
            results = {}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if bar:
                    bar.update(1)
            if bar:
                bar.render_finish()
        for folder, _ in plan:  # report in a stable order
            ok &= _report(folder, outputs, results[folder])
    return ok


@main.command("pdf")
@OUTPUTS
@CAMPAIGNS
@JOBS
@click.option(
    "--timeout",
    type=float,
    default=300.0,
    show_default=True,
    help="Số giây tối đa cho một lượt chuyển trước khi thử lại.",
)
def pdf_command(outputs: Path, campaigns: tuple[str, ...], jobs: int, timeout: float) -> None:
    """Chuyển các văn bản .docx đã tạo (mới hoặc vừa sửa) sang PDF bằng LibreOffice."""
    from . import export

    from .export import pdf_sources
    from .formatcheck.rendered import stranded_headings

    documents = pdf_sources(outputs, campaigns)  # nothing to convert at all is an error
    files = [f for f in documents if export.stale(f)]
    if not files:
        click.echo(f"Các tệp PDF của {len(documents)} văn bản đều đã mới nhất.")
        return
    bar = _progress(len(files), "Đang tạo PDF")
    if bar:
        with bar:
            export.convert(files, jobs or None, timeout, bar.update, stranded=stranded_headings)
    else:
        export.convert(files, jobs or None, timeout, stranded=stranded_headings)
    _check_pdfs(outputs, files)
    listing.write_index(outputs)  # the listing links the new PDFs


def _check_pdfs(outputs: Path, files: list[Path]) -> None:
    """The checks of the laid-out pages on the PDFs just made: `Cảnh báo:` lines, and the
    campaigns' CANH-BAO.txt and web page (pipeline/selfcheck.py)."""
    pdfs = [f.with_suffix(".pdf") for f in files if f.with_suffix(".pdf").exists()]
    found = selfcheck.rendered_warnings(pdfs)
    by_campaign: dict[str, dict[str, list[str]]] = {}
    for pdf in pdfs:
        by_campaign.setdefault(pdf.parent.name, {})[pdf.name] = found.get(pdf, [])
    for campaign, warnings in sorted(by_campaign.items()):
        for line in status.warning_lines(campaign, [w for ws in warnings.values() for w in ws]):
            click.echo(line, err=True)
        try:
            status.add_rendered_warnings(outputs, campaign, warnings)
        except PipelineError as error:
            _fail(campaign, error)
    click.echo(f"Đã tạo {len(files)} tệp PDF.")


@main.command("kinds")
def kinds_command() -> None:
    """Liệt kê các loại văn bản (mã dùng ở trang "Văn bản" và ở lệnh build -d)."""
    for kind in registry.KINDS:
        click.echo(f"{kind.slug:<18} {kind.group:<13} {kind.label}")


@main.command("blank")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("outputs/du-lieu-trong.xlsx"),
    show_default=True,
    help="Nơi ghi bảng tính trống.",
)
def blank_command(out: Path) -> None:
    """Tạo bảng tính trống du-lieu-trong.xlsx (đủ các trang, cột, hướng dẫn) để điền số liệu,
    và bên cạnh nó bảng tính mẫu đã điền du-lieu-mau.xlsx."""
    from .blank import write_blank_workbook
    from .example import write_example_workbook

    write_blank_workbook(out)
    example = out.with_name(EXAMPLE_NAME)
    write_example_workbook(example)
    click.echo(f"Đã tạo bảng tính trống {out} và bảng tính mẫu đã điền {example}")


EXAMPLE_NAME = "du-lieu-mau.xlsx"


@main.command("forms")
@INPUTS
@OUTPUTS
@CAMPAIGNS
def forms_command(inputs: Path, outputs: Path, campaigns: tuple[str, ...]) -> int:
    """Tạo biểu tự chấm điểm bieu-tu-cham-<mã>.xlsx cho từng đơn vị của mỗi đợt."""
    from .forms.writer import write_forms
    from .load import load_campaign
    from .validate import validate_for_forms

    ok = True
    folders = builder.find_campaigns(inputs, campaigns)
    for folder in folders:
        try:
            written = write_forms(validate_for_forms(load_campaign(folder, photos=False)), outputs / folder.name)
        except PipelineError as error:
            _fail(folder.name, error, made="biểu tự chấm")
            ok = False
            continue
        click.echo(f"{folder.name}: đã tạo {len(written)} biểu tự chấm trong {outputs / folder.name}/")
    return 0 if ok else 1


@main.command("summary")
@INPUTS
@OUTPUTS
@click.option("--year", "-y", type=int, required=True, help="Năm cần tổng hợp (ví dụ 2020).")
@click.option("--date", "day", default=None, help="Ngày ký báo cáo (ngày/tháng/năm); để trống thì chừa chỗ để ghi.")
@TEMPLATES_OPTION
def summary_command(inputs: Path, outputs: Path, year: int, day: str | None, templates: Path) -> None:
    """Báo cáo tổng hợp mọi đợt thi đua của một năm: bao-cao-tong-hop.docx và tong-hop.xlsx."""
    from .cells import as_date
    from .summary import build_summary, folder_name

    try:
        when = as_date(day) if day else None
    except ValueError as error:
        raise Refused(f"--date: {error}.", code=2) from None
    on_error(folder_name(year))
    outcome = build_summary(inputs, outputs, year, when, templates)
    for warning in outcome.warnings:
        click.echo(f"Cảnh báo: {folder_name(year)}: {warning}", err=True)
    click.echo(
        f"{folder_name(year)}: đã tổng hợp {len(outcome.included)} đợt "
        f"({', '.join(outcome.included)})"
        + (f", chưa tổng hợp {len(outcome.excluded)} đợt" if outcome.excluded else "")
        + f"; đã tạo {len(outcome.written)} tệp trong {outcome.folder}/"
    )


@main.command("check-templates")
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    default=TEMPLATES,
    show_default=True,
    help="Thư mục mẫu văn bản cần kiểm tra.",
)
def check_templates_command(templates: Path) -> int:
    """Kiểm tra các mẫu Word: thẻ liền một đoạn, vòng lặp đóng đủ, biến có dữ liệu."""
    from . import templatecheck

    paths = sorted(templates.glob("*.docx"))
    if not paths:
        raise Refused(f"không có mẫu .docx nào trong {templates}.")
    contexts = templatecheck.sample_contexts()
    bad = 0
    for path in paths:
        problems = templatecheck.check(path, contexts.get(path.stem))
        if problems:
            bad += 1
            for problem in problems:
                click.echo(f"{path}: {problem}", err=True)
        else:
            click.echo(f"{path}: đạt")
    return 1 if bad else 0


def _format_kinds() -> list[str]:
    from .formatcheck.locate import KINDS

    return list(KINDS)


def _utf8(stream) -> None:
    """Print Vietnamese even where the console's code page cannot (Windows)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass


@main.command("check-format")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho máy đọc).")
@click.option(
    "--files", "listed", default=None, help="Danh sách tệp như Make nhận ở FILES= (tên có dấu cách cũng được)."
)
@click.option(
    "--outputs",
    type=click.Path(path_type=Path),
    default=None,
    help="Kiểm tra mọi văn bản .docx đã tạo trong thư mục này.",
)
@click.option(
    "--render",
    is_flag=True,
    help="Chuyển sang PDF bằng LibreOffice và kiểm tra thêm trang in (dòng bị xuống dòng, "
    "đề mục rơi cuối trang, số trang, vị trí Nơi nhận).",
)
@click.option(
    "--final", is_flag=True, help="Văn bản sắp ban hành: số và ngày tháng phải ghi đủ, không để trống cho văn thư."
)
@click.option(
    "--kind",
    type=click.Choice(sorted(_format_kinds())),
    metavar="LOẠI",
    help="Loại văn bản khi chương trình không tự nhận ra: ke-hoach, bien-ban, to-trinh, quyet-dinh, cong-van, bao-cao…",
)
def check_format_command(
    files: tuple[Path, ...],
    as_json: bool,
    listed: str | None,
    outputs: Path | None,
    render: bool,
    final: bool,
    kind: str | None,
) -> int:
    """Kiểm tra thể thức các tệp .docx theo Nghị định 30/2020/NĐ-CP.

    Mã thoát: 0 khi mọi tệp đạt, 1 khi có tệp chưa đạt, 2 khi có tệp không đọc được (hoặc
    thiếu LibreOffice khi dùng --render).
    """
    from . import formatcheck
    from .export import generated_documents
    from .makeproto import split_file_list

    names = [str(f) for f in files]
    if listed is not None:  # FILES= from make: names with spaces matched to existing files
        names += split_file_list(listed)
    if outputs is not None:
        found = generated_documents(outputs)
        if not found:
            raise Refused(
                f"chưa có văn bản .docx nào trong {outputs}/ để kiểm tra (hãy chạy "
                'make all trước, hoặc chỉ ra tệp: make check-format FILES="a.docx").',
                code=2,
            )
        names += [str(f) for f in found]
    if not names:
        raise Refused("chưa chỉ ra tệp .docx nào để kiểm tra.", code=2)
    from .formatcheck import rendered

    results: dict = {}
    for path in names:
        try:
            results[str(path)] = formatcheck.check_docx(path, kind=kind, final=final)
        except formatcheck.UnreadableDocx as error:
            results[str(path)] = error
    if render:
        todo = [p for p, r in results.items() if isinstance(r, list) and not r.skipped and not r.verdict]
        on_error(code=2)  # LibreOffice missing or failing: as a file not read
        for path, found in rendered.check_files(todo, kind=kind).items():
            results[path].extend(found)
    _utf8(sys.stdout)
    text = formatcheck.report_json(results) if as_json else formatcheck.report_text(results)
    click.echo(text)
    return formatcheck.exit_code(results)


@main.command("watch")
@INPUTS
@OUTPUTS
@TEMPLATES_OPTION
@click.option(
    "--quiet",
    type=float,
    default=1.0,
    show_default=True,
    help="Số giây không còn thay đổi trước khi tạo lại văn bản của một đợt.",
)
def watch_command(inputs: Path, outputs: Path, templates: Path, quiet: float) -> None:
    """Theo dõi INPUTS: tự tạo lại văn bản của một đợt khi tệp của đợt đó thay đổi."""
    from .watch import watch

    watch(inputs, outputs, templates, quiet)


@main.command("serve")
@INPUTS
@OUTPUTS
@TEMPLATES_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Địa chỉ nghe; địa chỉ khác 127.0.0.1 cần mật khẩu VANBAN_PASSWORD.",
)
@click.option("--port", type=int, default=8000, show_default=True, help="Cổng nghe.")
def serve_command(inputs: Path, outputs: Path, templates: Path, host: str, port: int) -> None:
    """Mở trang web tải dữ liệu lên, xem lỗi và tải văn bản về."""
    from .web import serve

    serve(inputs, outputs, templates, host, port, ready=lambda line: click.echo(line))


if __name__ == "__main__":
    main()
