"""Benchmark corpus: N reports in HTML, TXT, DOCX and PDF made from the seed reports,
with places, years and figures varied so every document is distinct and every stage
(sniffing, decoding, normalising, places, figures, problems) does real work.

    .venv/bin/python bench/corpus.py OUT_DIR --n 1000 [--formats txt,html,docx,pdf,office-pdf] [--max-pdf 40]

Two kinds of PDF: `pdf` is laid out by fpdf2 (one text object per line: cheap for
every extractor), `office-pdf` is the DOCX exported by LibreOffice (`soffice`, from
the Debian package libreoffice-writer-nogui), with a running header and a page-number
footer, as published reports are. PDFs take about a second each to make, so at most
--max-pdf of each kind are made; their other slots go to the next formats in turn.
"""
from __future__ import annotations

import argparse
import csv
import html
import random
import re
import subprocess
import tempfile
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
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    section = document.sections[0]
    section.header.paragraphs[0].text = lines[0][:30]
    field = OxmlElement("w:fldSimple")  # the page number, as office templates put it
    field.set(qn("w:instr"), "PAGE")
    section.footer.paragraphs[0]._p.append(field)
    document.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        document.add_paragraph(ln)
    document.save(path.with_suffix(".docx"))


def write_office_pdfs(docx_paths: list[Path], out: Path) -> None:
    """DOCX files exported to PDF by LibreOffice, in one soffice call (its start-up
    costs more than a document)."""
    if docx_paths:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                        *map(str, docx_paths)], check=True, capture_output=True)


def write_pdf(path: Path, text: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_producer("fpdf2")  # the benchmark groups PDFs by the producer that made them
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
    made = dict.fromkeys(("pdf", "office-pdf"), 0)
    with tempfile.TemporaryDirectory() as staging:
        office_docx = []
        for i in range(n):
            fmt = formats[i % len(formats)]
            if fmt in made:
                if made[fmt] >= max_pdf:
                    fmt = next((f for f in formats[i % len(formats):] + formats if f not in made), "txt")
                else:
                    made[fmt] += 1
            text = vary(seeds[i % len(seeds)], rng, counties, i)
            if fmt == "office-pdf":
                write_docx(Path(staging) / f"r{i:06d}", text)
                office_docx.append(Path(staging) / f"r{i:06d}.docx")
            else:
                WRITERS[fmt](out / f"r{i:06d}", text)
        write_office_pdfs(office_docx, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--formats", default="txt,html,docx,pdf,office-pdf")
    ap.add_argument("--max-pdf", type=int, default=40, help="at most this many PDFs of each kind")
    args = ap.parse_args()
    generate(args.out, args.n, args.formats.split(","), args.max_pdf)


if __name__ == "__main__":
    main()
