#!/usr/bin/env python3
"""Measure how long a clerk waits for a preview or a PDF a few seconds after a build.

The sample workbook and photos are uploaded to a new campaign on the web page (in this
process, with the background worker that `vanban serve` runs); after WAIT seconds the
preview of the meeting minutes, the PDF of the proposal, and the preview of the document
made last are requested, each timed; then the time the background took for the whole
campaign, and when each document's pages were there (the requests drew some themselves).
The target: each request under 1 s. Measured here, never asserted in tests.

Usage:
    .venv/bin/python tools/bench_preview.py [--wait 3] [--rounds 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.testclient import TestClient  # noqa: E402

from pipeline import pregenerate, runner  # noqa: E402
from pipeline.web import create_app  # noqa: E402

SAMPLE = ROOT / "inputs" / "cum-1-2020"
REQUESTS = (
    ("xem trước biên bản họp cụm", "/dot/cum-1-2020/xem/bien-ban-hop-cum.docx"),
    ("PDF tờ trình", "/dot/cum-1-2020/pdf/to-trinh-khen-thuong.docx"),
    ("xem trước tin bài (làm sau cùng)", "/dot/cum-1-2020/xem/tin-bai.docx"),
)


def one_round(wait: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="vanban-bench-xem-") as root:
        inputs, outputs = Path(root) / "inputs", Path(root) / "outputs"
        background = pregenerate.Background()
        runner.warm_up()
        client = TestClient(create_app(inputs, outputs, background=background), follow_redirects=False)
        files = [("du_lieu", ("du-lieu.xlsx", (SAMPLE / "du-lieu.xlsx").read_bytes(), "x"))]
        files += [("anh", (p.name, p.read_bytes(), "image/jpeg")) for p in sorted((SAMPLE / "anh").iterdir())]
        ready: dict[str, float] = {}  # document -> when its pages were drawn, after the build
        done = threading.Event()
        start = time.perf_counter()

        def look() -> None:  # when each document's preview is there, without any request
            cache = outputs / "cum-1-2020" / pregenerate.PREVIEWS
            while not done.is_set():
                for stamp in cache.glob(f"*/{pregenerate.STAMP}"):
                    ready.setdefault(stamp.parent.name, time.perf_counter())
                time.sleep(0.05)

        looking = threading.Thread(target=look, daemon=True)
        looking.start()
        answer = client.post("/tai-len", data={"dot": "cum-1-2020"}, files=files)
        assert answer.status_code == 303, answer.text[:500]
        built = time.perf_counter()
        time.sleep(wait)
        seconds = {"tạo văn bản (tải lên → trang)": built - start}
        for label, url in REQUESTS:
            began = time.perf_counter()
            reply = client.get(url)
            assert reply.status_code == 200, (url, reply.status_code)
            seconds[label] = time.perf_counter() - began
        background.wait(600)
        seconds["nền: mọi PDF và hình của đợt (từ lúc tạo xong)"] = time.perf_counter() - built
        time.sleep(0.1)
        done.set()
        looking.join()
        for name, when in sorted(ready.items(), key=lambda item: item[1]):
            seconds[f"  hình {name} có sẵn lúc (sau khi tạo xong)"] = when - built
        background.stop()
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for n in range(args.rounds):
        for label, value in one_round(args.wait).items():
            print(f"vòng {n + 1}: {label}: {value:.2f} s")


if __name__ == "__main__":
    main()
