"""The command line every Make target calls; the one place errors become exit codes."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import build as builder
from .config import TEMPLATES
from .errors import PipelineError, ValidationError

CHOICES = tuple(builder.GROUPS) + builder.KINDS


def _fail(campaign: str | None, error: PipelineError) -> None:
    where = f"{campaign}: " if campaign else ""
    if isinstance(error, ValidationError):
        count = len(error.problems)
        click.echo(f"Lỗi: {where}dữ liệu có {count} lỗi, chưa tạo văn bản nào của đợt này:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
    else:
        click.echo(f"Lỗi: {where}{error}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Sinh văn bản thi đua theo Nghị định 30/2020/NĐ-CP từ bảng tính du-lieu.xlsx."""


@main.command("build")
@click.option("--inputs", type=click.Path(path_type=Path), default=Path("inputs"),
              show_default=True, help="Thư mục chứa các đợt thi đua.")
@click.option("--outputs", type=click.Path(path_type=Path), default=Path("outputs"),
              show_default=True, help="Thư mục ghi văn bản.")
@click.option("--campaign", "-c", "campaigns", multiple=True,
              help="Chỉ tạo cho đợt này (tên thư mục trong inputs/); có thể ghi nhiều lần.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), default=TEMPLATES,
              show_default=True, help="Thư mục mẫu văn bản (.docx).")
@click.option("--doc", "-d", "kinds", multiple=True, type=click.Choice(CHOICES),
              default=("minutes",), show_default=True, help="Loại văn bản cần tạo.")
def build_command(inputs: Path, outputs: Path, campaigns: tuple[str, ...], templates: Path,
                  kinds: tuple[str, ...]) -> None:
    """Tạo văn bản cho mọi đợt thi đua trong INPUTS (hoặc các đợt được chọn)."""
    try:
        folders = builder.find_campaigns(inputs, campaigns)
    except PipelineError as error:
        _fail(None, error)
        sys.exit(1)
    if not folders:
        click.echo(f"Lỗi: không có đợt thi đua nào trong {inputs} "
                   "(mỗi đợt là một thư mục có tệp du-lieu.xlsx).", err=True)
        sys.exit(1)
    failed = 0
    for folder in folders:
        try:
            outcome = builder.build_campaign(folder, outputs, builder.expand(kinds), templates)
        except PipelineError as error:
            _fail(folder.name, error)
            failed += 1
            continue
        for warning in outcome.warnings:
            click.echo(f"Cảnh báo: {folder.name}: {warning}", err=True)
        click.echo(f"{folder.name}: đã tạo {len(outcome.written)} văn bản trong "
                   f"{outputs / folder.name}/")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
