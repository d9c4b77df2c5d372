"""The benchmark's runs and measurements: `make all` on the batch, the stages, the
renderer against plain docxtpl, PDF conversion, the machine; and `benchmark`, the
whole run, which judges each target (the text is tools.bench.report's).
"""

from __future__ import annotations

import fnmatch
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import kinds as registry

from . import (
    ROOT,
    TARGET_BATCH_CAMPAIGNS,
    TARGET_BATCH_SECONDS,
    TARGET_DOCX_RATIO,
    TARGET_NOOP_SECONDS,
    TARGET_PDF_RATIO,
    TARGET_PEAK_BYTES,
    TEMPLATES,
)
from .generate import generate

# The kinds whose templates the renderer comparison uses (no photos: plain docxtpl can
# render their contexts as they are).
BASELINE_KINDS = (registry.MEETING, registry.INSPECTION)

# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


def _clean_env() -> dict[str, str]:
    """The environment of a staff member's shell: not a sub-make of `make bench`."""
    env = dict(os.environ)
    for key in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR"):
        env.pop(key, None)
    return env


class TreeMemory(threading.Thread):
    """Samples the total RSS and PSS of a process and all its descendants every 0.2 s."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.samples = 0
        self._halt = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo += children.get(pid, [])
        return out

    def _sample(self) -> None:
        rss = pss = 0
        pids = self._tree()
        for pid in pids:
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    rss += int(f.read().split()[1]) * self._page
                with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                    for line in f:
                        if line.startswith(b"Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
            except (OSError, ValueError, IndexError):
                continue
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, len(pids))
        self.samples += 1

    def run(self) -> None:
        while not self._halt.is_set():
            self._sample()
            self._halt.wait(self.interval)


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    maxrss: int = 0  # bytes: the largest single process of the tree (wait4 rusage)
    cpu_seconds: float = 0.0  # user + system time of the whole tree
    tree_rss: int = 0
    tree_pss: int = 0
    processes: int = 0


def run_make(target: str, inputs: Path, outputs: Path, sample_memory: bool = False) -> Run:
    """`make <target> INPUTS=… OUTPUTS=…` from the project folder, as staff type it."""
    command = ["make", target, f"INPUTS={inputs}", f"OUTPUTS={outputs}"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, env=_clean_env())
        sampler = TreeMemory(process.pid) if sample_memory else None
        if sampler:
            sampler.start()
        # wait4's rusage = RUSAGE_CHILDREN of this one child: the max RSS of any single
        # process in its tree (make, the shell, vanban, each worker), not their sum.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stop()
        out.seek(0)
        err.seek(0)
        run = Run(
            seconds,
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss * 1024,
            usage.ru_utime + usage.ru_stime,
        )
    if sampler:
        run.tree_rss, run.tree_pss, run.processes = (sampler.peak_rss, sampler.peak_pss, sampler.peak_processes)
    return run


def queued_kinds(inputs: Path, outputs: Path) -> list[str]:
    """The document kinds `make all` queues (a dry run, parsed), in the pipeline's order."""
    done = subprocess.run(
        ["make", "-n", "all", f"INPUTS={inputs}", f"OUTPUTS={outputs}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    found = set(re.findall(r"'\S+ ([a-z-]+)' >> '[^']*\.hang-doi", done.stdout))
    return [k for k in registry.SLUGS if k in found] + sorted(found - set(registry.SLUGS))


def documents(outputs: Path) -> list[Path]:
    return sorted(
        p
        for p in outputs.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.suffix in (".docx", ".html", ".pdf")
    )


@dataclass
class Stages:
    sample: int
    seconds: dict[str, float]  # per stage, summed over the sample
    documents: int
    first_campaign: dict[str, float] = field(default_factory=dict)  # includes compiling


def stage_seconds(inputs: Path, outputs: Path, kinds: list[str], sample: int) -> Stages:
    from pipeline import render
    from pipeline.build import build_campaign, find_campaigns

    folders = find_campaigns(inputs)
    step = max(1, len(folders) // max(1, sample))
    chosen = folders[::step][:sample]
    render._compiled.cache_clear()
    warm = build_campaign(folders[-1], outputs, kinds, TEMPLATES)  # compiles the templates
    totals: dict[str, float] = {}
    written = 0
    for folder in chosen:
        outcome = build_campaign(folder, outputs, kinds, TEMPLATES)
        written += len(outcome.written)
        for stage, seconds in outcome.seconds.items():
            totals[stage] = totals.get(stage, 0.0) + seconds
    return Stages(len(chosen), totals, written, dict(warm.seconds))


@dataclass
class Baseline:
    template: str
    renders: int
    docxtpl_per_s: float
    pipeline_per_s: float

    @property
    def ratio(self) -> float:
        return self.pipeline_per_s / self.docxtpl_per_s


def baseline(inputs: Path, renders: int) -> list[Baseline]:
    """The pipeline's renderer against a plain docxtpl loop, same template and context.

    One output each of the meeting minutes and of an inspection minutes, their
    contexts as the build makes them (pipeline.build.plan_outputs).
    """
    from docxtpl import DocxTemplate

    from pipeline import render
    from pipeline.build import find_campaigns, plan_outputs

    planned, _, _ = plan_outputs(find_campaigns(inputs)[0], list(BASELINE_KINDS))
    cases = []
    for slug in BASELINE_KINDS:
        template = registry.kind(slug).templates[0]
        cases.append(next(o for o in planned if o.template == template))
    out = []
    rounds = min(5, renders)  # alternate the two loops, so that other load hits both alike
    for output in cases:
        path = TEMPLATES / output.template
        context = output.context
        render._compiled.cache_clear()  # the pipeline pays its one compile inside its loop
        plain = ours = 0.0
        for r in range(rounds):
            count = renders // rounds + (r < renders % rounds)
            started = time.perf_counter()
            for _ in range(count):
                template = DocxTemplate(str(path))
                template.render(context, autoescape=True)
                template.save(io.BytesIO())
            plain += time.perf_counter() - started
            started = time.perf_counter()
            for _ in range(count):
                render.render_output(output, TEMPLATES)
            ours += time.perf_counter() - started
        out.append(Baseline(path.stem, renders, renders / plain, renders / ours))
    return out


@dataclass
class Pdf:
    documents: int
    convert_seconds: float
    naive_seconds: float
    shared_seconds: float  # one soffice per file, reusing one profile (the default profile)

    @property
    def ratio(self) -> float:
        return self.convert_seconds / self.naive_seconds

    @property
    def shared_ratio(self) -> float:
        return self.convert_seconds / self.shared_seconds


def pick(files: list[Path], count: int) -> list[Path]:
    """`count` files spread evenly over the list (every kind, many campaigns)."""
    if count >= len(files):
        return list(files)
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


def pdf_compare(files: list[Path], work: Path) -> Pdf:
    from pipeline import export
    from pipeline.formatcheck.rendered import stranded_headings

    binary = export.soffice()
    copies = {}
    for label in ("convert", "naive", "shared"):
        copies[label] = []
        for f in files:
            target = work / label / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
            copies[label].append(target)

    started = time.perf_counter()
    export.convert(copies["convert"], stranded=stranded_headings)  # as `make pdf` does
    converted = time.perf_counter() - started

    def one_by_one(paths: list[Path], fresh_profile: bool) -> float:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="bench-lo-") as home:
            for i, f in enumerate(paths):
                profile = Path(home) / (f"p{i}" if fresh_profile else "shared")
                subprocess.run(
                    [
                        binary,
                        f"-env:UserInstallation={profile.as_uri()}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(f.parent),
                        str(f),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                    timeout=300,
                )
        return time.perf_counter() - started

    naive = one_by_one(copies["naive"], fresh_profile=True)
    shared = one_by_one(copies["shared"], fresh_profile=False)
    for label in copies:
        missing = [f for f in copies[label] if not f.with_suffix(".pdf").exists()]
        if missing:
            raise RuntimeError(f"PDF ({label}): no PDF for {', '.join(map(str, missing))}")
    return Pdf(len(files), converted, naive, shared)


# --------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    office = None
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary:
        try:
            office = (
                subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60).stdout.strip() or None
            )
        except (OSError, subprocess.SubprocessError):
            office = None
    make = subprocess.run(["make", "--version"], capture_output=True, text=True).stdout
    return {
        "cpu": cpu,
        "cores": os.cpu_count() or 1,
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_bytes": memory,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "make": make.splitlines()[0] if make else None,
        "libreoffice": office,
        "loadavg_at_start": list(os.getloadavg()),
    }


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _verdict(ok: bool | None) -> str:
    return "PASS" if ok else "FAIL" if ok is not None else "SKIP"


def _watched() -> dict[Path, int]:
    """Modification times of what `make all` depends on besides the inputs."""
    paths = [
        ROOT / "Makefile",
        *ROOT.glob("pipeline/*.py"),
        *ROOT.glob("pipeline/*/*.py"),
        *ROOT.glob("pipeline/data/*"),
        *TEMPLATES.glob("*"),
    ]
    return {p: p.stat().st_mtime_ns for p in paths if p.is_file()}


def _changed(before: dict[Path, int]) -> list[Path]:
    """Files edited (or added) since `before`: someone working on the tree meanwhile."""
    now = _watched()
    return sorted(p for p, t in now.items() if before.get(p) != t)


def _noise(run: Run) -> list[str]:
    """What a nothing-to-do run printed, besides Make's own `Nothing to be done` and the
    project's one line saying the documents are up to date (the Makefile's UP_TO_DATE)."""
    return [
        line
        for line in (run.stdout + run.stderr).splitlines()
        if line.strip()
        and not re.match(r"make(\[\d+\])?: (Nothing to be done|'.*' is up to date)", line)
        and not line.startswith("Văn bản đã mới nhất:")
    ]


def _rebuilt(run: Run) -> int:
    """Campaigns a supposedly nothing-to-do run built again."""
    return sum(": đã tạo " in line for line in run.stdout.splitlines())


@dataclass
class Bench:
    """A whole run: `results` (what --json prints) and what the report needs besides."""

    results: dict
    stages: Stages
    baselines: list[Baseline]
    pdf: Pdf | None
    pdf_note: str
    cores: int
    batch_limit: float  # seconds, the batch target scaled to the campaigns run
    peak: int  # bytes, the larger of the tree's RSS sum and the largest process


def benchmark(
    campaigns: int,
    pdf_docs: int,
    keep: Path | None,
    seed: int,
    fmt: str,
    renders: int,
    stage_sample: int,
    noop_runs: int,
) -> Bench:
    started = time.perf_counter()
    info = machine()
    holder = tempfile.TemporaryDirectory(prefix="vanban-bench-") if keep is None else None
    base = Path(holder.name) if holder else keep.resolve()
    if keep is not None:
        if base.exists() and any(base.iterdir()):
            raise SystemExit(f"--keep {base}: the folder must be empty or absent.")
        base.mkdir(parents=True, exist_ok=True)
    inputs, outputs = base / "inputs", base / "outputs"
    results: dict = {"machine": info, "campaigns": campaigns, "folder": str(base)}
    try:
        _log(f"generating {campaigns} campaigns in {inputs}")
        gen = generate(inputs, campaigns, seed, fmt)
        results["generate"] = gen.__dict__

        watched = _watched()  # what Make compares the documents with, before it runs
        kinds = queued_kinds(inputs, outputs)
        results["kinds"] = kinds
        _log(f"make all ({', '.join(kinds)})")
        batch = run_make("all", inputs, outputs, sample_memory=True)
        if batch.returncode != 0:
            raise SystemExit(f"make all failed ({batch.returncode}):\n{batch.stderr[-4000:]}")
        docs = documents(outputs)
        by_kind: dict[str, int] = {}
        for d in docs:
            per_unit = registry.kind(registry.INSPECTION).writes[0]  # bien-ban-kiem-tra-*.docx
            kind = per_unit if fnmatch.fnmatch(d.name, per_unit) else d.name
            by_kind[kind] = by_kind.get(kind, 0) + 1
        warnings = sum(line.startswith("Cảnh báo") for line in batch.stderr.splitlines())
        results["make_all"] = {
            "seconds": batch.seconds,
            "documents": len(docs),
            "by_file": by_kind,
            "documents_per_s": len(docs) / batch.seconds,
            "warnings": warnings,
            "docx_per_s": sum(d.suffix == ".docx" for d in docs) / batch.seconds,
            "cpu_seconds": batch.cpu_seconds,
            "max_single_process_rss_bytes": batch.maxrss,
            "tree_rss_peak_bytes": batch.tree_rss,
            "tree_pss_peak_bytes": batch.tree_pss,
            "processes_peak": batch.processes,
        }

        _log(f"second make all, nothing to do ({noop_runs} runs)")
        noops = [run_make("all", inputs, outputs) for _ in range(noop_runs)]
        best = min(noops, key=lambda r: r.seconds)
        noise = _noise(best)
        results["noop"] = {
            "seconds_best": best.seconds,
            "seconds": [r.seconds for r in noops],
            "rebuilt": [_rebuilt(r) for r in noops],
            "output": noise[:10],
            "changed": [str(p.relative_to(ROOT)) for p in _changed(watched)],
        }

        _log(f"stage timing on {min(stage_sample, campaigns)} campaigns, in-process")
        stages = stage_seconds(inputs, base / "stage-outputs", kinds, stage_sample)
        results["stages"] = {
            "sample": stages.sample,
            "documents": stages.documents,
            "seconds": stages.seconds,
            "first_campaign": stages.first_campaign,
        }

        _log(f"renderer against plain docxtpl ({renders} renders per template)")
        base_results = baseline(inputs, renders)
        results["baseline"] = [
            {
                "template": b.template,
                "renders": b.renders,
                "docxtpl_per_s": b.docxtpl_per_s,
                "pipeline_per_s": b.pipeline_per_s,
                "ratio": b.ratio,
            }
            for b in base_results
        ]

        pdf = None
        pdf_note = ""
        if pdf_docs <= 0:
            pdf_note = "skipped (--pdf-docs 0)"
        elif not (shutil.which("soffice") or shutil.which("libreoffice")):
            pdf_note = "skipped: LibreOffice (soffice) is not installed (make system-deps)"
        else:
            chosen = pick([d for d in docs if d.suffix == ".docx"], pdf_docs)
            _log(f"PDF: {len(chosen)} documents, convert() against one soffice per file")
            pdf = pdf_compare(chosen, base / "pdf")
        results["pdf"] = (
            pdf.__dict__ | {"ratio": pdf.ratio, "shared_ratio": pdf.shared_ratio} if pdf else {"skipped": pdf_note}
        )

    finally:
        if holder:
            holder.cleanup()
    results["bench_seconds"] = time.perf_counter() - started
    results["loadavg_at_end"] = list(os.getloadavg())

    # ---------------------------------------------------------------- targets
    cores = info["usable_cores"] or info["cores"]
    batch_limit = TARGET_BATCH_SECONDS * campaigns / TARGET_BATCH_CAMPAIGNS
    peak = max(results["make_all"]["tree_rss_peak_bytes"], results["make_all"]["max_single_process_rss_bytes"])
    targets = {
        "docx_ratio": (min(b.ratio for b in base_results) >= TARGET_DOCX_RATIO),
        "batch_seconds": results["make_all"]["seconds"] < batch_limit,
        "peak_memory": peak < TARGET_PEAK_BYTES,
        "pdf_ratio": (pdf.ratio <= TARGET_PDF_RATIO) if pdf else None,
        "noop_seconds": best.seconds < TARGET_NOOP_SECONDS and not noise,
    }
    results["targets"] = {k: _verdict(v) for k, v in targets.items()}
    return Bench(results, stages, base_results, pdf, pdf_note, cores, batch_limit, peak)
