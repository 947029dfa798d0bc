"""Mine a folder (in this process, as `dudao mine` does for small runs) and score it
against gold: the quick loop for work on the extractors.

    python scripts/devscore.py                      # ../shared/devset, errors listed
    python scripts/devscore.py --gold ../shared/gold --texts corpus/docs
    python scripts/devscore.py --only problems      # errors of one field only
    python scripts/devscore.py --sources ../shared/devset/sources.csv   # with where the pages were published

It is `dudao mine` + `dudao score` in one command, so the scores are theirs.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import score  # noqa: E402
from pipeline.mine import mine  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def main() -> int:
    devset = ROOT.parent / "shared" / "devset"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default=str(devset / "texts"), help="folder of inputs")
    ap.add_argument("--gold", default=str(devset / "gold"), help="folder of gold JSON files")
    ap.add_argument("--out", default="/tmp/dudao-devscore", help="where the tables are written")
    ap.add_argument("--only", help="show only the errors whose line contains this word")
    ap.add_argument("--quiet", action="store_true", help="scores only")
    ap.add_argument("--sources", help="sources manifest (path,url,…) as `dudao mine --sources` takes")
    a = ap.parse_args()
    out = Path(a.out)
    mine([Path(a.texts)], Settings(out_dir=out, progress=False), sources=a.sources)
    report = score.score(Path(a.gold), out)
    if a.only:
        report.errors = [e for e in report.errors if a.only in e]
    print(score.format_report(report, errors=not a.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
