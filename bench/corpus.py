"""Benchmark corpus: N reports in HTML, TXT, DOCX and PDF made from the seed reports,
with places, years and figures varied so every document is distinct and every stage
(sniffing, decoding, normalising, places, figures, problems) does real work.

    .venv/bin/python bench/corpus.py OUT_DIR --n 1000 [--formats txt,html,docx,pdf] [--max-pdf 40]

PDFs take about a second each to lay out (fpdf2 with Noto Sans CJK), so at most
--max-pdf are made; their other slots go to the next formats in turn.
"""
from __future__ import annotations

import argparse
import csv
import html
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
YEAR = re.compile(r"20[0-2]\d(?=年)")
FIGURE = re.compile(r"\d+(?:\.\d+)?(?=%|万|亿|元|所|人|个|名)")
CITY = re.compile(r"[\u4e00-\u9fff]{2,3}市")


def county_names() -> list[str]:
    """Current county-level names from the place lexicon, to swap into the texts."""
    with (ROOT / "lexicons" / "places.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return sorted({r["name"] for r in rows if r["level"] == "county" and not r["valid_to"]})


def vary(text: str, rng: random.Random, counties: list[str], serial: int) -> str:
    shift = rng.randint(-3, 2)
    text = YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    text = FIGURE.sub(lambda m: f"{float(m.group()) * rng.uniform(0.8, 1.2):.1f}".rstrip("0").rstrip("."), text)
    cities = sorted(set(CITY.findall(text)))
    if cities:
        text = text.replace(rng.choice(cities), rng.choice(counties))
    return f"{text}\n（样本编号：{serial}）\n"


def write_txt(path: Path, text: str) -> None:
    path.with_suffix(".txt").write_text(text, encoding="utf-8")


def write_html(path: Path, text: str) -> None:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    body = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    path.with_suffix(".html").write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(lines[0])}</title></head>"
        f"<body><div class='nav'>首页 > 督导动态</div><h1>{html.escape(lines[0])}</h1>{body}"
        f"<div class='footer'>主办单位：教育督导室</div></body></html>", encoding="utf-8")


def write_docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    document.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        document.add_paragraph(ln)
    document.save(path.with_suffix(".docx"))


def write_pdf(path: Path, text: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", "", str(CJK_FONT), collection_font_number=2)  # SC face
    pdf.set_font("noto", size=11)
    pdf.add_page()
    for ln in text.splitlines():
        if ln.strip():
            pdf.multi_cell(0, 6, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path.with_suffix(".pdf")))


WRITERS = {"txt": write_txt, "html": write_html, "docx": write_docx, "pdf": write_pdf}


def generate(out: Path, n: int, formats: list[str], max_pdf: int, seed: int = 8) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    counties = county_names()
    pdfs = 0
    for i in range(n):
        fmt = formats[i % len(formats)]
        if fmt == "pdf":
            if pdfs >= max_pdf:
                fmt = formats[(i + 1) % len(formats)] if len(formats) > 1 else "txt"
            else:
                pdfs += 1
        WRITERS[fmt](out / f"r{i:06d}", vary(seeds[i % len(seeds)], rng, counties, i))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--formats", default="txt,html,docx,pdf")
    ap.add_argument("--max-pdf", type=int, default=40)
    args = ap.parse_args()
    generate(args.out, args.n, args.formats.split(","), args.max_pdf)


if __name__ == "__main__":
    main()
