"""`mine`: a folder of reports → the findings tables. The library function behind
`dudao mine`; it runs the Prefect flow in pipeline/flows/mine.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.process import SourceFile
from pipeline.settings import Settings
from pipeline.sources import with_sources


@dataclass
class MineResult:
    out_dir: Path
    n_inputs: int
    n_documents: int  # distinct documents written by this run (after merging)
    n_findings: int
    failures: list[dict] = field(default_factory=list)  # this run's failures rows

    @property
    def n_failed(self) -> int:
        return len(self.failures)


def collect_inputs(paths: list[Path | str | SourceFile]) -> list[SourceFile]:
    """Every file under the given paths, sorted; a path that is not there, a broken
    link or an unreadable entry is kept so that it becomes a `failures` row."""
    out: list[SourceFile] = []
    for p in paths:
        if isinstance(p, SourceFile):
            out.append(p)
            continue
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not any(part.startswith(".") for part in f.relative_to(p).parts) and not f.is_dir():
                    out.append(SourceFile(f, str(f)))
        else:
            out.append(SourceFile(p, str(p)))
    return out


def mine(inputs: list[Path | str | SourceFile], settings: Settings, merge: bool = False,
         sources: Path | str | None = None) -> MineResult:
    """Mine `inputs` (files or folders) into settings.out_dir. With merge=True the
    documents are upserted into the tables already there (used by the crawler).
    `sources` is a manifest of where the files were published (pipeline/sources.py)."""
    from pipeline.flows.mine import mine_documents

    files = collect_inputs(inputs)
    return mine_documents(with_sources(files, sources) if sources else files, settings, merge=merge)


def mine_in_process(inputs: list[Path | str], out_dir: Path, sources: Path | str | None = None) -> None:
    """Mine `inputs` in this process — no Prefect, no cache — and write the documents and
    findings tables into out_dir, as the flow assembles them: the quick loop of
    extractor work (scripts/devscore.py) and the dev-set gate."""
    import pyarrow.parquet as pq

    from pipeline.process import process_source
    from pipeline.write import assemble

    out_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(out_dir=out_dir, progress=False)
    files = collect_inputs(inputs)
    tables = assemble([process_source(src, settings) for src in (with_sources(files, sources) if sources else files)])
    for name in ("documents", "findings"):
        pq.write_table(tables[name], out_dir / f"{name}.parquet")
