"""The sources manifest (mine --sources FILE.csv): the URL becomes the source and is
evidence of region and date; stated facts are used like the page's; errors are one line."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.errors import BadSourcesManifest
from pipeline.mine import collect_inputs, mine
from pipeline.settings import Settings
from pipeline.sources import read_sources, with_sources

PAGE = "学校开展了春季开学安全检查，共检查学校20所。\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_rows_are_resolved_against_its_folder(tmp_path):
    write(tmp_path, "a.txt", PAGE)
    manifest = write(tmp_path, "sources.csv", "path,url,publisher,publish_date,region_code\n"
                                              "a.txt,http://jyj.baoji.gov.cn/a.html,宝鸡市教育局,2022-03-01,610300\n")
    [(path, src)] = read_sources(manifest).items()
    assert path == (tmp_path / "a.txt").resolve()
    assert (src.source, src.publisher, src.publish_date, src.region_code) == (
        "http://jyj.baoji.gov.cn/a.html", "宝鸡市教育局", date(2022, 3, 1), "610300")


def test_only_listed_inputs_carry_a_url(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    write(texts, "a.txt", PAGE)
    write(texts, "b.txt", PAGE)
    manifest = write(tmp_path, "sources.csv", "path,url\ntexts/a.txt,http://jyj.baoji.gov.cn/a.html\n")
    a, b = with_sources(collect_inputs([texts]), manifest)
    assert a.source == "http://jyj.baoji.gov.cn/a.html" and a.locations == [a.source, str(a.path)]
    assert b.source == str(b.path) and b.locations == [b.source]


@pytest.mark.parametrize("csv_text, message", [
    ("path,link\na.txt,http://x.cn/a\n", "columns must be"),
    ("path,url,publish_date\na.txt,http://x.cn/a,3/1/2022\n", "not YYYY-MM-DD"),
    ("path,url,region_code\na.txt,http://x.cn/a,宝鸡\n", "not a 6-digit code"),
])
def test_a_bad_manifest_is_one_clear_error(tmp_path, csv_text, message):
    manifest = write(tmp_path, "sources.csv", csv_text)
    with pytest.raises(BadSourcesManifest, match=message):
        read_sources(manifest)
    with pytest.raises(BadSourcesManifest, match="No such file|FileNotFoundError"):
        read_sources(tmp_path / "missing.csv")


def test_url_and_stated_region_reach_the_documents_table(tmp_path):
    import pandas as pd

    texts = tmp_path / "texts"
    texts.mkdir()
    write(texts, "a.txt", PAGE)
    write(texts, "b.txt", "陕西省开展督导。" + PAGE)
    write(texts, "c.txt", "另一所学校。" + PAGE)
    manifest = write(tmp_path, "sources.csv", "path,url,region_code\n"
                                              "texts/a.txt,http://jyj.baoji.gov.cn/2022/0301/a.html,\n"
                                              "texts/b.txt,http://jyj.baoji.gov.cn/b.html,\n"
                                              "texts/c.txt,http://example.com/c.html,610328\n")
    out = tmp_path / "out"
    mine([texts], Settings(out_dir=out, progress=False), sources=manifest)
    docs = pd.read_parquet(out / "documents.parquet")
    got = {Path(s[-1]).name: (r.region_code, r.region_evidence, None if pd.isna(r.report_year) else r.report_year)
           for s, r in zip(docs["sources"], docs.itertuples())}
    # a: the URL's path dates the page; b: the bureau's host refines the province the body names
    assert got == {"a.txt": ("610300", "url", 2022), "b.txt": ("610300", "url", None),
                   "c.txt": ("610328", "manifest", None)}
    assert all(s[0].startswith("http://") for s in docs["sources"])


def test_stated_facts_survive_the_flows_staging(tmp_path):
    from pipeline.mine import read_inputs, write_inputs

    write(tmp_path, "a.txt", PAGE)
    manifest = write(tmp_path, "sources.csv", "path,url,publisher,publish_date,region_code\n"
                                              "a.txt,http://jyj.baoji.gov.cn/a.html,宝鸡市教育局,2022-03-01,610300\n")
    inputs = with_sources(collect_inputs([tmp_path / "a.txt"]), manifest)
    write_inputs(tmp_path, inputs)
    assert read_inputs(tmp_path) == inputs
