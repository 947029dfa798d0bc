"""Scale benchmark on one corpus (bench/corpus.py makes one): per-stage throughput,
end to end through the Prefect flow, and the issue-8 ratios, in one run.

    .venv/bin/python bench/bench_scale.py CORPUS [--dask-subset 200] [--no-dask]

Prints documents/s and characters/s for ingest (read + parse), normalise, segment
(jieba alone), extract and write; the flow end to end, first run and re-run (cache);
the same functions in a plain loop; PDF text path vs pdfplumber; Dask 1 vs 2 workers;
peak RSS of each phase. Run it on 1k and 10k corpora and compare the flow lines for
growth. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

from pipeline.flows.mine import batches, mine_batch, staging_dir
from pipeline.mine import collect_inputs, mine
from pipeline.settings import Settings
from pipeline.write import write_parts


class PeakRSS:
    """Peak resident memory of this process and its children while the block runs."""

    def __enter__(self):
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        me = psutil.Process()
        while not self._stop.is_set():
            procs = [me] + me.children(recursive=True)
            rss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, rss)
            time.sleep(0.05)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def line(label: str, docs: int, chars: int, seconds: float, extra: str = "") -> None:
    print(f"{label:28s} {docs:7d} docs {seconds:9.2f} s {docs / seconds:9.1f} docs/s "
          f"{chars / seconds:12,.0f} chars/s {extra}", flush=True)


def stages(inputs, settings: Settings) -> tuple[int, float]:
    """Each stage timed alone over every file; returns (chars, seconds of the whole)."""
    import jieba

    from extractors.document import analyse
    from extractors.models import DocContext
    from pipeline.ingest import ingest, read_file
    from pipeline.normalise import normalise
    from pipeline.tables import doc_id_of

    spent = dict.fromkeys(("ingest", "normalise", "segment", "extract"), 0.0)
    texts, n_docs = [], 0
    for src in inputs:
        t0 = time.perf_counter()
        try:
            doc = ingest(read_file(src.path, settings.limits), src.source, settings.limits)
        except Exception:
            continue
        t1 = time.perf_counter()
        norm = normalise(doc)
        t2 = time.perf_counter()
        jieba.lcut(norm.text)
        t3 = time.perf_counter()
        analyse(norm.text, DocContext(doc_id=doc_id_of(norm.text), title=norm.title, publisher=norm.publisher,
                                      publish_date=norm.publish_date, blocks=norm.blocks))
        t4 = time.perf_counter()
        for k, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            spent[k] += dt
        texts.append(len(norm.text))
        n_docs += 1
    chars = sum(texts)
    for k, s in spent.items():
        line(f"stage {k}", n_docs, chars, s)
    return chars, spent["segment"]


def plain_loop(inputs, settings: Settings) -> float:
    """The flow's functions (mine_batch, write_parts) in a plain loop, no Prefect."""
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(settings)
    t0 = time.perf_counter()
    parts = [mine_batch(b, settings, staging, i) for i, b in enumerate(batches(inputs, settings.batch_size))]
    t_write = time.perf_counter()
    write_parts(parts, settings.out_dir)
    t1 = time.perf_counter()
    shutil.rmtree(staging)
    return t1 - t0, t1 - t_write


def pdf_pages(inputs, settings: Settings) -> None:
    import pdfplumber

    from pipeline.ingest import ingest, read_file

    pdfs = [s for s in inputs if s.path.suffix == ".pdf"]
    if not pdfs:
        return
    pages = 0
    t0 = time.perf_counter()
    for src in pdfs:
        with pdfplumber.open(src.path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    plumber = time.perf_counter() - t0
    t0 = time.perf_counter()
    for src in pdfs:
        ingest(read_file(src.path, settings.limits), src.source, settings.limits)
    ours = time.perf_counter() - t0
    print(f"PDF text: {pages} pages, dudao {pages / ours:.1f} pages/s, pdfplumber {pages / plumber:.1f} pages/s, "
          f"ratio {plumber / ours:.1f}x (target >= 5)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--dask-subset", type=int, default=200, help="documents for the Dask 1 vs 2 workers runs")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--batch-size", type=int, default=Settings.batch_size)
    args = ap.parse_args()
    inputs = collect_inputs([args.corpus])
    work = Path(tempfile.mkdtemp(prefix="dudao_bench_"))
    base = Settings(progress=False, batch_size=args.batch_size)
    print(f"corpus {args.corpus}: {len(inputs)} files", flush=True)
    try:
        chars, segment_s = stages(inputs, base)
        pdf_pages(inputs, base)
        with PeakRSS() as mem:
            loop_s, write_s = plain_loop(inputs, base.with_(out_dir=work / "loop", cache_dir=work / "loop_cache"))
        line("stage write (parts+merge)", len(inputs), chars, write_s)
        line("plain loop end to end", len(inputs), chars, loop_s, f"peak RSS {mem.peak / 2**20:.0f} MiB")
        flow_settings = base.with_(out_dir=work / "flow", cache_dir=work / "flow_cache")
        mine([], base.with_(out_dir=work / "warm_up"))  # Prefect's local server starts once, untimed
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            mine([args.corpus], flow_settings)
            flow_s = time.perf_counter() - t0
        line("flow end to end (first run)", len(inputs), chars, flow_s, f"peak RSS {mem.peak / 2**20:.0f} MiB")
        t0 = time.perf_counter()
        mine([args.corpus], flow_settings)
        rerun_s = time.perf_counter() - t0
        line("flow re-run (unchanged)", len(inputs), chars, rerun_s)
        print(f"ratio end-to-end / jieba segmentation throughput: {segment_s / flow_s:.2f} (target >= 0.5)")
        print(f"flow overhead vs plain loop: {flow_s / loop_s - 1:+.1%} (target within 15%)")
        print(f"re-run speed-up: {flow_s / rerun_s:.1f}x (target >= 20)", flush=True)
        if not args.no_dask:
            subset = inputs[:args.dask_subset]
            times = {}
            for n in (1, 2):
                t0 = time.perf_counter()
                mine(subset, base.with_(out_dir=work / f"dask{n}", cache_dir=work / f"dask{n}_cache", workers=n))
                times[n] = time.perf_counter() - t0
                line(f"dask {n} worker(s)", len(subset), 0, times[n])
            print(f"dask speed-up 2 workers vs 1: {times[1] / times[2]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
