"""Figure years against real sentences labelled by reading their pages
(corpus/labels/figure_years.tsv): each passage read as a text file published at its URL,
through ingest and normalisation, its figures found with the page's report year (and its
publication date where the label gives one). The floor is what the rules reach; raise it as
they improve."""
import csv
from datetime import date

from extractors import quantities
from extractors.models import DocContext
from pipeline.ingest import ingest
from pipeline.normalise import normalise
from pipeline.settings import Limits
from tests.conftest import ROOT

LABELS = ROOT / "corpus" / "labels" / "figure_years.tsv"
FLOOR = 1.0


def _labelled() -> list[dict]:
    with LABELS.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def _figure_year(row: dict) -> int | None:
    passage = "\n".join(row["passage"].split(" / "))
    norm = normalise(ingest(passage.encode("utf-8"), row["url"], Limits(), content_type="text/plain"))
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    found = quantities.extract(norm.text, DocContext(report_year=int(row["report_year"]), source=row["url"],
                                                     publish_date=published))
    years = [f.year for f in found if f.text.endswith(row["figure"]) or row["figure"] in f.text]
    return years[0] if years else None


def test_labelled_figures_cover_the_classes():
    rows = _labelled()
    assert len(rows) >= 15 and all(r["url"].startswith("http") and r["why"] for r in rows)
    assert any(int(r["year"]) < int(r["report_year"]) for r in rows)  # 比上年的A
    assert any(int(r["year"]) > int(r["report_year"]) for r in rows)  # 截至 a later date


def test_figure_year_on_labelled_sentences():
    rows = _labelled()
    misses = [(r["url"], r["figure"], r["year"], got) for r in rows if (got := _figure_year(r)) != int(r["year"])]
    assert 1 - len(misses) / len(rows) >= FLOOR, misses
