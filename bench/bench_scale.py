"""Scale benchmark on one corpus (bench/corpus.py makes one): per-stage throughput,
end to end through the Prefect flow, and the issue-8 ratios, in one run.

    .venv/bin/python bench/bench_scale.py CORPUS [--parts flow,loop,stages,pdf,dask]
        [--pdf DIR ...] [--dask-subset 1000] [--json OUT.json] [--baseline 1k.json]

Prints documents/s and characters/s for ingest (read + parse), normalise, segment
(jieba alone), extract and write; the flow end to end, then the unchanged re-run
through the run manifest (same output folder) and through the per-document cache
alone (fresh output folder, same cache folder); the same functions in a plain loop;
PDF pages/s against pdfplumber per kind of PDF; Dask 1 vs 2 workers. Memory is the
peak RSS of this process (the one that mines) apart from its children (Prefect's
server, Dask workers). The flow runs first, right after an untimed warm-up, so the
process's peak RSS is the flow's. With --baseline (the --json of a smaller run) the
growth ratios are printed. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

from pipeline.settings import use_local_prefect

use_local_prefect()  # the environment `dudao mine` runs in, set before Prefect is imported

from pipeline.audit.views import create_views
from pipeline.cache import ResultCache
from pipeline.mine import audit_tables, batches, collect_inputs, mine, staging_dir
from pipeline.process import process_source
from pipeline.settings import Settings
from pipeline.write import write_part, write_parts

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PDF = ROOT / "corpus" / "docs" / "001_weihai_evaluation.pdf"
PARTS = ("flow", "loop", "stages", "pdf", "dask")
CJK = re.compile(r"[\u4e00-\u9fff]")
MiB = 2**20


class PeakRSS:
    """Peak resident memory of this process, and of its children together, while the
    block runs (sampled every 50 ms)."""

    def __enter__(self):
        self.own = self.children = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        me = psutil.Process()
        while not self._stop.is_set():
            self.own = max(self.own, me.memory_info().rss)
            rss = 0
            for child in me.children(recursive=True):
                try:
                    rss += child.memory_info().rss
                except psutil.Error:
                    pass
            self.children = max(self.children, rss)
            time.sleep(0.05)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def __str__(self):
        return f"peak RSS {self.own / MiB:.0f} MiB (children {self.children / MiB:.0f} MiB)"


def cpu_seconds() -> float:
    """CPU time of this process and of its living children (Prefect's server): what the
    work cost, less disturbed than wall time by other jobs on a shared machine."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            pass
    return total


def line(label: str, docs: int, chars: int, seconds: float, extra: str = "") -> None:
    rate = f"{chars / seconds:12,.0f} chars/s" if chars else " " * 20
    print(f"{label:34s} {docs:7d} docs {seconds:9.2f} s {docs / seconds:9.1f} docs/s {rate} {extra}", flush=True)


def timed(fn):
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0, cpu_seconds() - cpu0


def mined_chars(out_dir: Path) -> int:
    """Characters of the normalised texts a run wrote (the documents table's n_chars)."""
    import pyarrow.parquet as pq

    return int(pq.read_table(out_dir / "documents.parquet", columns=["n_chars"])["n_chars"].to_numpy().sum())


def run_flow(corpus: Path, work: Path, base: Settings, fig: dict) -> None:
    inputs = collect_inputs([corpus])
    # Untimed: starts Prefect's local server and loads jieba, spaCy and the lexicons.
    base = base.with_(prefect=True)  # the flow part measures the Prefect flow, whatever the corpus size
    mine(inputs[:1], base.with_(out_dir=work / "warm_up", cache_dir=work / "warm_up_cache"))
    settings = base.with_(out_dir=work / "flow", cache_dir=work / "flow_cache")
    with PeakRSS() as mem:
        _, fig["flow_s"], fig["flow_cpu_s"] = timed(lambda: mine([corpus], settings))
    fig["flow_rss_own_mib"] = mem.own / MiB
    fig["flow_maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fig["flow_rss_children_mib"] = mem.children / MiB
    n_docs, chars = len(collect_inputs([corpus])), fig.setdefault("chars", mined_chars(settings.out_dir))
    line("flow end to end (first run)", n_docs, chars, fig["flow_s"],
         f"cpu {fig['flow_cpu_s']:.0f} s, {mem}, process max RSS {fig['flow_maxrss_mib']:.0f} MiB")
    _, fig["rerun_manifest_s"], _ = timed(lambda: mine([corpus], settings))
    line("re-run, same out (manifest)", n_docs, chars, fig["rerun_manifest_s"])
    _, fig["rerun_cache_s"], _ = timed(lambda: mine([corpus], settings.with_(out_dir=work / "flow_fresh_out")))
    line("re-run, fresh out (doc cache)", n_docs, chars, fig["rerun_cache_s"])


def plain_loop(corpus: Path, settings: Settings) -> tuple[float, float, float, float]:
    """What the flow does, in a plain loop without Prefect: the same functions
    (process_source, write_part, write_parts with the audit tables and views)."""
    def loop():
        inputs = collect_inputs([corpus])
        settings.out_dir.mkdir(parents=True, exist_ok=True)
        staging, cache = staging_dir(settings), ResultCache(settings.cache_dir)
        parts, part_s = [], 0.0
        for i, batch in enumerate(batches(inputs, settings.batch_size)):
            results = [process_source(src, settings, cache) for src in batch]
            t0 = time.perf_counter()
            parts.append(write_part(results, staging, i))
            part_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        write_parts(parts, settings.out_dir, extra=audit_tables, create_views=create_views)
        merge_s = time.perf_counter() - t0
        shutil.rmtree(staging)
        return part_s, merge_s

    (part_s, merge_s), loop_s, loop_cpu = timed(loop)
    return loop_s, loop_cpu, part_s, merge_s


def stages(corpus: Path, settings: Settings) -> tuple[int, int, dict]:
    """Each stage timed alone over every file: (documents, characters, seconds by stage)."""
    import jieba

    from extractors.document import analyse
    from extractors.models import DocContext
    from pipeline.ingest import ingest, read_file
    from pipeline.normalise import normalise
    from pipeline.tables import doc_id_of

    jieba.initialize()  # its dictionary loads once per process, not per text
    spent_cpu = {"segment": 0.0}
    spent = dict.fromkeys(("ingest", "normalise", "segment", "extract"), 0.0)
    chars = n_docs = 0
    cpu0 = time.process_time()
    for src in collect_inputs([corpus]):
        t0 = time.perf_counter()
        try:
            doc = ingest(read_file(src.path, settings.limits), src.source, settings.limits)
        except Exception:
            continue
        t1 = time.perf_counter()
        norm = normalise(doc)
        t2 = time.perf_counter()
        c2 = time.process_time()
        jieba.lcut(norm.text)
        t3 = time.perf_counter()
        spent_cpu["segment"] += time.process_time() - c2
        analyse(norm.text, DocContext(doc_id=doc_id_of(norm.text), title=norm.title, publisher=norm.publisher,
                                      publish_date=norm.publish_date, blocks=norm.blocks))
        t4 = time.perf_counter()
        for k, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            spent[k] += dt
        chars += len(norm.text)
        n_docs += 1
    spent_cpu["all stages"] = time.process_time() - cpu0
    return n_docs, chars, spent, spent_cpu


def pdf_kinds(dirs: list[Path], fixture_repeats: int) -> dict[str, list[Path]]:
    """PDFs to compare, by kind: the fixture (an office-export-style ReportLab PDF)
    repeated, and the PDFs under `dirs` grouped by the producer that made them."""
    import pypdfium2

    kinds = {f"fixture {FIXTURE_PDF.name} x{fixture_repeats}": [FIXTURE_PDF] * fixture_repeats}
    for d in dirs:
        for path in sorted(Path(d).rglob("*.pdf")):
            # bench/corpus.py's fpdf2 PDFs made before it named itself have no Producer
            producer = pypdfium2.PdfDocument(path).get_metadata_dict().get("Producer", "") or "fpdf2"
            kinds.setdefault(f"{producer.split()[0]} ({d.name})", []).append(path)
    return kinds


def pdf_vs_pdfplumber(kinds: dict[str, list[Path]], settings: Settings, fig: dict) -> None:
    """Pages/s of dudao's PDF ingest and of pdfplumber's extract_text on the same files,
    and how many CJK characters each reads (dudao drops running headers/footers)."""
    import pdfplumber

    from pipeline.ingest import ingest, read_file

    fig["pdf"] = {}
    for kind, paths in kinds.items():
        pages = plumber_cjk = ours_cjk = 0
        t0 = time.perf_counter()
        for path in paths:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    plumber_cjk += len(CJK.findall(page.extract_text() or ""))
                    pages += 1
        plumber_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for path in paths:
            doc = ingest(read_file(path, settings.limits), str(path), settings.limits)
            ours_cjk += sum(len(CJK.findall(block.text)) for block in doc.blocks)
        ours_s = time.perf_counter() - t0
        ratio = plumber_s / ours_s
        fig["pdf"][kind] = {"files": len(paths), "pages": pages, "dudao_pages_s": pages / ours_s,
                            "pdfplumber_pages_s": pages / plumber_s, "ratio": ratio,
                            "cjk_dudao_over_pdfplumber": ours_cjk / max(1, plumber_cjk)}
        print(f"PDF {kind}: {len(paths)} files {pages} pages, dudao {pages / ours_s:.1f} pages/s, "
              f"pdfplumber {pages / plumber_s:.1f} pages/s, ratio {ratio:.1f}x (target >= 5); "
              f"CJK chars dudao/pdfplumber {ours_cjk / max(1, plumber_cjk):.3f}", flush=True)


def dask_speedup(inputs, work: Path, base: Settings, fig: dict) -> None:
    times = {}
    for n in (1, 2):
        with PeakRSS() as mem:
            _, times[n], _ = timed(lambda: mine(inputs, base.with_(out_dir=work / f"dask{n}",
                                                                   cache_dir=work / f"dask{n}_cache", workers=n)))
        line(f"dask {n} worker(s), cluster start incl.", len(inputs), 0, times[n], str(mem))
    fig["dask_docs"], fig["dask_speedup"] = len(inputs), times[1] / times[2]
    print(f"dask speed-up 2 workers vs 1: {fig['dask_speedup']:.2f}x", flush=True)


def summary(fig: dict, baseline: dict | None) -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print("\n== issue-8 targets ==")
    if "segment_s" in fig and "flow_s" in fig:
        r = (fig["chars"] / fig["flow_s"]) / (fig["stage_chars"] / fig["segment_s"])
        print(f"end to end / jieba throughput: {r:.2f} wall (target >= 0.5) {verdict(r >= 0.5)}", end="")
        if fig.get("segment_cpu_s"):
            print(f"; {fig['segment_cpu_s'] / fig['flow_cpu_s'] * fig['chars'] / fig['stage_chars']:.2f} in cpu "
                  f"time (flow: this process and Prefect's server)", end="")
        print()
    if "loop_s" in fig and "flow_s" in fig:
        wall, cpu = fig["flow_s"] / fig["loop_s"] - 1, fig["flow_cpu_s"] / fig["loop_cpu_s"] - 1
        print(f"flow vs plain loop: wall {wall:+.1%}, cpu {cpu:+.1%} (target within 15%) {verdict(wall <= 0.15)}")
    if "rerun_manifest_s" in fig:
        m, c = fig["flow_s"] / fig["rerun_manifest_s"], fig["flow_s"] / fig["rerun_cache_s"]
        print(f"unchanged re-run: {m:.0f}x through the manifest, {c:.1f}x through the document cache alone "
              f"(target >= 20) manifest {verdict(m >= 20)}, cache alone {verdict(c >= 20)}")
    for kind, p in fig.get("pdf", {}).items():
        print(f"PDF {kind}: {p['ratio']:.1f}x pdfplumber (target >= 5) {verdict(p['ratio'] >= 5)}")
    if "dask_speedup" in fig:
        print(f"dask 2 workers vs 1 on {fig['dask_docs']} docs: {fig['dask_speedup']:.2f}x")
    if baseline and "flow_s" in fig and "flow_s" in baseline:
        cost = fig["flow_s"] / baseline["flow_s"]
        cpu = fig["flow_cpu_s"] / baseline["flow_cpu_s"]
        mem = fig["flow_maxrss_mib"] / baseline["flow_maxrss_mib"]
        size = fig["docs"] / baseline["docs"]
        print(f"growth {fig['docs']}/{baseline['docs']} docs ({size:.0f}x): cost {cost:.2f}x wall "
              f"{verdict(cost <= 1.1 * size)}, {cpu:.2f}x cpu {verdict(cpu <= 1.1 * size)} (target <= "
              f"{1.1 * size:.0f}); peak RSS {mem:.2f}x "
              f"({fig['flow_maxrss_mib']:.0f} vs {baseline['flow_maxrss_mib']:.0f} MiB, target <= 1.2) "
              f"{verdict(mem <= 1.2)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--parts", default=",".join(PARTS), help=f"any of {','.join(PARTS)}")
    ap.add_argument("--pdf", type=Path, action="append", default=[],
                    help="a folder of PDFs to compare with pdfplumber (besides the fixture and the corpus)")
    ap.add_argument("--fixture-repeats", type=int, default=5)
    ap.add_argument("--dask-subset", type=int, default=1000, help="documents for the Dask 1 vs 2 workers runs")
    ap.add_argument("--batch-size", type=int, default=Settings.batch_size)
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--baseline", type=Path, help="figures (--json) of a smaller corpus: print the growth")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    inputs = collect_inputs([args.corpus])
    work = Path(tempfile.mkdtemp(prefix="dudao_bench_"))
    base = Settings(progress=False, batch_size=args.batch_size)
    fig: dict = {"docs": len(inputs), "corpus": str(args.corpus)}
    print(f"corpus {args.corpus}: {len(inputs)} files, {psutil.cpu_count()} cpus", flush=True)
    try:
        if "flow" in parts:
            run_flow(args.corpus, work, base, fig)
        if "loop" in parts:
            loop = base.with_(out_dir=work / "loop", cache_dir=work / "loop_cache")
            fig["loop_s"], fig["loop_cpu_s"], part_s, merge_s = plain_loop(args.corpus, loop)
            chars = fig.setdefault("chars", mined_chars(loop.out_dir))
            line("plain loop end to end", len(inputs), chars, fig["loop_s"], f"cpu {fig['loop_cpu_s']:.0f} s")
            line("stage write (part files)", len(inputs), chars, part_s)
            line("stage merge (tables, DuckDB)", len(inputs), chars, merge_s)
        if "stages" in parts:
            n_docs, chars, spent, spent_cpu = stages(args.corpus, base)
            for k, s in spent.items():
                line(f"stage {k}", n_docs, chars, s)
            print(f"stage cpu: segment {spent_cpu['segment']:.1f} s, all stages {spent_cpu['all stages']:.1f} s "
                  f"(wall {sum(spent.values()):.1f} s)", flush=True)
            fig["segment_cpu_s"] = spent_cpu["segment"]
            fig["stage_chars"], fig["segment_s"], fig["stages_s"] = chars, spent["segment"], spent
        if "pdf" in parts:
            pdf_vs_pdfplumber(pdf_kinds(args.pdf + [args.corpus], args.fixture_repeats), base, fig)
        if "dask" in parts:
            dask_speedup(inputs[:args.dask_subset], work, base, fig)
        baseline = json.loads(args.baseline.read_text()) if args.baseline else None
        summary(fig, baseline)
        if args.json:
            args.json.write_text(json.dumps(fig, indent=1, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
