"""`dudao` command line: each command parses its arguments and makes one library call.
Library errors become a one-line message and a non-zero exit here, at the edge."""
from __future__ import annotations

import argparse
import importlib.metadata
import logging
import sys
import tempfile
from pathlib import Path

from pipeline.errors import DudaoError
from pipeline.settings import Settings, use_local_prefect


def _settings(args) -> Settings:
    return Settings(out_dir=Path(args.out), workers=getattr(args, "workers", 0) or 0,
                    dask_address=getattr(args, "dask_address", None),
                    batch_size=getattr(args, "batch_size", None) or Settings.batch_size,
                    wait=not getattr(args, "no_wait", False), prefect=getattr(args, "prefect", False),
                    processes=getattr(args, "processes", None) or 0)


def _add_run_options(p) -> None:
    """Options of the commands that write into an output folder."""
    p.add_argument("--no-wait", action="store_true",
                   help="when another run is writing into --out, exit 2 instead of waiting for it")


def _add_mine(sub) -> None:
    p = sub.add_parser("mine", help="mine report files/folders into the findings tables",
                       description="Ingest HTML/DOCX/PDF/TXT reports, extract places, figures and problems, "
                                   "and write documents/findings/failures/texts as Parquet, CSV and DuckDB.")
    p.add_argument("paths", nargs="+", help="files or folders to mine")
    p.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    p.add_argument("--merge", action="store_true", help="upsert into the tables already in --out")
    p.add_argument("--workers", type=int, default=0, help="start a local Dask cluster with N worker processes")
    p.add_argument("--dask-address", help="run on an existing Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--processes", type=int, metavar="N",
                   help="mine in N processes of this machine, without Prefect or Dask (default: one per core "
                        f"from {Settings.processes_min_inputs} inputs, else this process alone; runs that go "
                        "through Prefect use --workers instead)")
    p.add_argument("--batch-size", type=int, help="documents per Prefect task or worker process's task (default 64)")
    p.add_argument("--sources", metavar="FILE.csv",
                   help="manifest of path,url[,publisher,publish_date,region_code]: where each file was published")
    p.add_argument("--prefect", action="store_true",
                   help=f"run as a Prefect flow even when small (up to {Settings.in_process_max_inputs} "
                        "inputs without --workers run in this process, without Prefect's server)")
    _add_run_options(p)
    p.set_defaults(run=_run_mine)


def _run_mine(args) -> int:
    from extractors.buildcache import long_lived

    with long_lived():  # the modules of a run (pandas, pyarrow, duckdb, the extractors)
        from pipeline.mine import mine

    result = mine(args.paths, _settings(args), merge=args.merge, sources=args.sources)
    print(f"{result.n_documents} documents, {result.n_findings} findings, {result.n_failed} failed "
          f"-> {result.out_dir}")
    for f in result.failures:
        print(f"  failed: {f['source']}: [{f['stage']}/{f['error_kind']}] {f['message']}")
    return 1 if result.n_failed else 0


def _add_score(sub) -> None:
    p = sub.add_parser("score", help="accuracy of an output folder against gold annotations",
                       description="Score findings against gold files (spec/FINDINGS.md format), or write "
                                   "pre-filled gold templates from dudao's own output.")
    p.add_argument("--gold", help="folder of gold JSON files")
    p.add_argument("--out", default="outputs", help="output folder of a mine run")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--template", nargs="+", metavar="FILE",
                   help="write a pre-filled gold file for each mined source FILE into --gold")
    p.set_defaults(run=_run_score)


def _run_score(args) -> int:
    from pipeline import score

    if args.template:
        for path in score.write_templates(Path(args.out), args.template, Path(args.gold or ".")):
            print(f"wrote {path}")
        return 0
    if not args.gold:
        raise DudaoError("--gold DIR is needed to score")
    report = score.score(Path(args.gold), Path(args.out))
    print(score.format_report(report, as_json=args.json))
    return 0


def _add_crawl(sub) -> None:
    p = sub.add_parser("crawl", help="crawl bureau sites once and mine what is new or changed",
                       description="Fetch the list pages, relevant articles and their attachments of each site "
                                   "(robots.txt, Crawl-delay and a per-host Prefect rate limit obeyed; conditional "
                                   "requests), archive the bytes by sha256 and merge new documents into --out.")
    p.add_argument("sites", nargs="+", help="site configs (corpus/sites/*.yaml)")
    p.add_argument("--out", default="outputs", help="output folder the documents are merged into (default: outputs)")
    p.add_argument("--state", help="crawl state DuckDB file; the raw-bytes archive sits beside it "
                                   "(default: OUT/crawl/state.duckdb)")
    _add_run_options(p)
    p.set_defaults(run=_run_crawl)


def _run_crawl(args) -> int:
    from pipeline.crawl import crawl

    result = crawl([Path(s) for s in args.sites], _settings(args), state_path=Path(args.state) if args.state else None)
    counts: dict[str, int] = {}
    for visit in result.visits:
        counts[visit.status] = counts.get(visit.status, 0) + 1
    print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) + f"; {len(result.mined)} mined")
    for visit in result.visits:
        if visit.error:
            print(f"  {visit.status}: {visit.url}: {visit.error}")
    return 0


def _add_audit(sub) -> None:
    p = sub.add_parser("audit", help="write the HTML audit report of an output folder",
                       description="Read the tables of a mine run in --out and write one self-contained HTML "
                                   "report (opens offline): problems per place and category, problems over the "
                                   "years, recurring problems with evidence, and a cross-city metrics table.")
    p.add_argument("--out", default="outputs", help="output folder of a mine run (default: outputs)")
    p.add_argument("--report", help="where to write the report (default: OUT/audit.html)")
    p.set_defaults(run=_run_audit)


def _run_audit(args) -> int:
    from pipeline.audit.report import write_report

    out = Path(args.out)
    print(f"wrote {write_report(out, Path(args.report) if args.report else out / 'audit.html')}")
    return 0


def _add_query(sub) -> None:
    p = sub.add_parser("query", help="run SQL over the findings tables and views",
                       description="Run one SQL statement (DuckDB dialect) over OUT/findings.duckdb, read-only: "
                                   "tables documents, findings, failures, texts, divisions, place_codes, indicators; "
                                   "views recurrence and cross_city.")
    p.add_argument("sql", help='e.g. "SELECT place, category, years FROM recurrence WHERE recurring"')
    p.add_argument("--out", default="outputs", help="output folder of a mine run (default: outputs)")
    p.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p.set_defaults(run=_run_query)


def _run_query(args) -> int:
    from pipeline.audit.query import query

    df = query(Path(args.out), args.sql)
    print(df.to_csv(index=False) if args.csv else df.to_string(index=False, max_colwidth=60))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dudao", description="Education-supervision reports → findings dataset")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_mine, _add_score, _add_crawl, _add_audit, _add_query):
        add(sub)
    return parser


def _version() -> str:
    try:
        return importlib.metadata.version("dudao")
    except importlib.metadata.PackageNotFoundError:  # a checkout on PYTHONPATH, not installed
        return "(not installed)"


LOG_NAME = "dudao.log"


def main(argv: list[str] | None = None) -> int:
    use_local_prefect()
    args = build_parser().parse_args(argv)
    log_file = Path(getattr(args, "out", None) or ".") / LOG_NAME
    configure_logging(log_file)
    try:
        return args.run(args)
    except DudaoError as e:
        print(f"dudao {args.command}: {e.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"dudao {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug or an environment fault: one line here, the traceback in the log
        logging.getLogger("dudao.traceback").error("dudao %s failed", args.command, exc_info=True)
        first = (str(e).strip().splitlines() or [""])[0]
        print(f"dudao {args.command}: {type(e).__name__}: {first} (traceback in {_LogFile.written})",
              file=sys.stderr)
        return 2


def configure_logging(log_file: Path) -> None:
    """dudao's own messages (logger "dudao") to stderr as one line each; warnings and
    errors of everything else (Prefect's failed-task tracebacks, Dask, Python
    warnings) and dudao's tracebacks to the log file in the output folder."""
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    logging.getLogger("dudao").setLevel(logging.INFO)
    for handler in _handlers:  # of an earlier main() in this process (tests)
        root.removeHandler(handler)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter("dudao: %(message)s"))
    stderr.addFilter(lambda r: r.name == "dudao")
    root.addHandler(stderr)
    to_file = _LogFile(log_file)
    to_file.setLevel(logging.WARNING)
    to_file.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s: %(message)s"))
    root.addHandler(to_file)
    _handlers[:] = [stderr, to_file]
    logging.captureWarnings(True)


_handlers: list[logging.Handler] = []


class _LogFile(logging.Handler):
    """Appends to the log file, created (with its folder) at the first record; when the
    output folder cannot be written, to dudao.log in the temporary folder."""

    written: Path | None = None  # the file the last record went to

    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record) + "\n"
        for path in (self.path, Path(tempfile.gettempdir()) / LOG_NAME):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(line)
                _LogFile.written = path
                return
            except OSError:
                continue


if __name__ == "__main__":
    sys.exit(main())
