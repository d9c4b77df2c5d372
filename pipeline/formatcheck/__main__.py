"""`python -m pipeline.formatcheck FILE…` is `vanban check-format FILE…`."""

from ..cli import check_format_command

if __name__ == "__main__":
    check_format_command(prog_name="python -m pipeline.formatcheck")
