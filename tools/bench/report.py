"""The benchmark's text report (the JSON is measure.benchmark's `results`)."""

from __future__ import annotations

from . import GIB, TARGET_BATCH_CAMPAIGNS, TARGET_DOCX_RATIO, TARGET_NOOP_SECONDS, TARGET_PDF_RATIO
from .measure import Bench

# build_campaign's stages, in the order they run (pipeline.build.Outcome.seconds).
STAGES = ("load", "validate", "score", "documents", "render", "write")


def _gib(n: int) -> str:
    return f"{n / GIB:.2f} GiB ({n / 1024**2:.0f} MiB)"


def report(bench: Bench) -> str:
    """The text report of a run: the machine, each figure, each target's verdict."""
    r, stages, base_results, pdf = bench.results, bench.stages, bench.baselines, bench.pdf
    pdf_note, cores, batch_limit, peak = bench.pdf_note, bench.cores, bench.batch_limit, bench.peak
    m, g, b, n = r["machine"], r["generate"], r["make_all"], r["campaigns"]
    lines = ["=" * 78, "Văn bản thi đua: benchmark", "=" * 78, "", "Machine"]
    lines += [
        f"  CPU            {m['cpu']}",
        f"  cores          {m['cores']} (usable by this process: {m['usable_cores']})",
        f"  memory         {_gib(m['memory_bytes'])}",
        f"  OS             {m['os']}",
        f"  Python         {m['python']}",
        f"  make           {m['make']}",
        f"  LibreOffice    {m['libreoffice'] or 'not installed'}",
        f"  load average   {' '.join(f'{x:.2f}' for x in m['loadavg_at_start'])} (at start; "
        "other work on the machine skews the figures)",
        "",
        "Batch",
        f"  campaigns      {n} ({g['units']} units; {g['xlsx']} as du-lieu.xlsx, {g['csv']} as CSV; "
        f"{g['photos']} with photos)",
        f"  generated in   {g['seconds']:.1f} s (format: {g['fmt']})",
        f"  kinds          {', '.join(r['kinds'])} (what `make all` queues)",
        "",
        "make all (one run, cold: every document out of date)",
        f"  wall time      {b['seconds']:.1f} s",
        f"  documents      {b['documents']} (" + ", ".join(f"{k} {v}" for k, v in sorted(b["by_file"].items())) + ")",
        f"  rate           {b['documents_per_s']:.1f} documents/s (files written / wall time); "
        f"{b['docx_per_s']:.1f} .docx/s counting Word files only",
        f"  CPU time       {b['cpu_seconds']:.1f} s user+system for the whole tree = "
        f"{b['cpu_seconds'] / (b['seconds'] * cores) * 100:.0f}% of {cores} cores over the run",
        f"  warnings       {b['warnings']} (Cảnh báo lines on stderr)",
        f"  peak memory    largest single process {_gib(b['max_single_process_rss_bytes'])} (wait4 ru_maxrss)",
        f"                 whole tree, sum of RSS {_gib(b['tree_rss_peak_bytes'])}; sum of PSS "
        f"{_gib(b['tree_pss_peak_bytes'])} (sampled every 0.2 s, up to "
        f"{b['processes_peak']} processes)",
        "",
        f"Stages (build_campaign in-process, {stages.sample} campaigns, templates already compiled)",
    ]
    total = sum(stages.seconds.values())
    for stage in STAGES:
        s = stages.seconds.get(stage, 0.0)
        lines.append(
            f"  {stage:<9}      {s / stages.sample * 1000:7.1f} ms/campaign  "
            f"{s / total * 100:5.1f}%   x{n} = {s / stages.sample * n:6.1f} s"
        )
    per = total / stages.sample
    lines += [
        f"  total          {per * 1000:7.1f} ms/campaign          x{n} = {per * n:6.1f} s "
        f"serial, {per * n / cores:.1f} s on {cores} cores",
        "  first campaign of a process (compiles the templates): "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.first_campaign.items()),
        f"  make all used {b['cpu_seconds']:.0f} CPU-s for {per * n:.0f} s of stage work x{n}: "
        + (
            f"{b['cpu_seconds'] - per * n:.0f} CPU-s more (Make, start-up and imports, template "
            "compiles per worker, pickling)"
            if b["cpu_seconds"] > per * n * 1.05
            else "the rest (Make, start-up, imports, pickling) is within the noise"
        ),
        f"                 with {cores} cores to itself the run would take about "
        f"{max(b['cpu_seconds'], per * n) / cores:.0f} s",
        "",
        "DOCX rendering: pipeline.render.render_output against a plain docxtpl loop",
        "  (DocxTemplate(path), render(context, autoescape=True), save(BytesIO); same context;",
        "  the two loops alternate in 5 rounds; the pipeline's one template compile is included)",
    ]
    for x in base_results:
        lines.append(
            f"  {x.template:<18} docxtpl {x.docxtpl_per_s:6.1f} docs/s   pipeline "
            f"{x.pipeline_per_s:6.1f} docs/s   ratio {x.ratio:.2f}x ({x.renders} renders)"
        )
    lines += ["", "PDF"]
    if pdf:
        lines += [
            f"  documents      {pdf.documents}",
            f"  convert()      {pdf.convert_seconds:.1f} s = {pdf.convert_seconds / pdf.documents:.2f} "
            f"s/document (batches, one soffice per core)",
            f"  one soffice per file, fresh profile each  {pdf.naive_seconds:.1f} s = "
            f"{pdf.naive_seconds / pdf.documents:.2f} s/document   ratio {pdf.ratio:.2f}",
            f"  one soffice per file, one reused profile  {pdf.shared_seconds:.1f} s = "
            f"{pdf.shared_seconds / pdf.documents:.2f} s/document   ratio {pdf.shared_ratio:.2f} "
            "(for information)",
        ]
    else:
        lines.append(f"  {pdf_note}")
    nb = r["noop"]
    lines += [
        "",
        "Second make all, nothing to do",
        f"  best of {len(nb['seconds'])}      {nb['seconds_best']:.2f} s  (runs: "
        + ", ".join(f"{s:.2f}" for s in nb["seconds"])
        + ")",
        "  output         " + ("none (best run)" if not nb["output"] else " | ".join(nb["output"][:3])[:300]),
    ]
    if any(nb["rebuilt"]):
        lines.append(
            "  rebuilt        " + ", ".join(str(x) for x in nb["rebuilt"]) + " campaigns per "
            "run: Make found documents older than what they depend on"
        )
    if nb["changed"]:
        lines.append(
            "  edited         during the benchmark: "
            + ", ".join(nb["changed"][:8])
            + (" …" if len(nb["changed"]) > 8 else "")
            + " (the tree was not quiet; rerun on a quiet tree)"
        )
    lines += [
        "",
        "Targets",
    ]
    t = r["targets"]
    ratio = min(x.ratio for x in base_results)
    scaled = "" if n == TARGET_BATCH_CAMPAIGNS else f" (120 s scaled to {n} campaigns)"
    core_note = "" if cores == 2 else f" (measured on {cores} cores, target is for 2)"
    lines += [
        f"  [{t['docx_ratio']}] DOCX >= {TARGET_DOCX_RATIO:g}x the plain docxtpl loop: "
        f"{ratio:.2f}x (lowest of {len(base_results)} templates)",
        f"  [{t['batch_seconds']}] batch, every kind, < {batch_limit:.0f} s{scaled}: {b['seconds']:.1f} s{core_note}",
        f"  [{t['peak_memory']}] peak memory < 1 GiB: {_gib(peak)} (the larger of tree RSS "
        "sum and the largest process)",
        f"  [{t['pdf_ratio']}] PDF <= {TARGET_PDF_RATIO:g}x one soffice per file: "
        + (f"{pdf.ratio:.2f}x" if pdf else pdf_note),
        f"  [{t['noop_seconds']}] second make all < {TARGET_NOOP_SECONDS:g} s, silent: {nb['seconds_best']:.2f} s",
        "",
        f"Benchmark took {r['bench_seconds']:.0f} s; load average at the end "
        f"{' '.join(f'{x:.2f}' for x in r['loadavg_at_end'])}.",
    ]
    return "\n".join(lines)
