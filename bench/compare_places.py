#!/usr/bin/env python3
"""Compare dudao's districts with cpca and jionlp location parsing on the same texts.

Reads a `dudao mine` output folder (documents.parquet for dudao's `districts`,
texts.parquet for the normalised texts both libraries are run on) and, when --gold is
given, scores each tool's county-level codes against the gold `districts` the way
shared/tools/score_findings.py does. cpca and jionlp are bench-only dependencies
(`pip install cpca jionlp`), not dudao's.

usage: compare_places.py --out /tmp/places_out [--gold ../shared/gold]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from extractors import places
from extractors.lexicon import load_tsv
from extractors.models import DocContext
from extractors.places import PLACE_COLUMNS


def county_codes_by_full_name() -> dict[str, str]:
    """Current county-level codes by canonical full name (北京市东城区, 威海市荣成市), to
    turn jionlp's names into codes."""
    rows = load_tsv("places.tsv", PLACE_COLUMNS)
    return {r["full_name"]: r["adcode"] for r in rows if r["level"] == "county" and not r["valid_to"]}


def dudao_seconds(text: str, doc) -> float:
    """Time of dudao's place stage alone (mentions, region, districts) on one text."""
    ctx = DocContext(title=doc.title if isinstance(doc.title, str) else "",
                     publisher=doc.publisher if isinstance(doc.publisher, str) else None,
                     report_year=None if pd.isna(doc.report_year) else int(doc.report_year))
    t0 = time.perf_counter()
    ctx.mentions = tuple(places.find_mentions(text, ctx))
    ctx.region = places.infer_region(text, ctx)
    places.district_codes(ctx)
    return time.perf_counter() - t0


def cpca_districts(text: str) -> list[str]:
    import cpca

    try:
        found = cpca.transform_text_with_addrs(text)
    except KeyError:  # cpca's tidy_order cannot index an empty result under pandas >= 2
        return []
    return list(dict.fromkeys(c for c in found["adcode"].dropna().astype(str) if len(c) == 6 and not c.endswith("00")))


def jionlp_districts(text: str, by_name: dict[str, str]) -> list[str]:
    import jionlp

    found = jionlp.recognize_location(text).get("domestic") or []
    out = []
    for loc, _count in found:
        if not loc.get("county"):
            continue
        code = by_name.get((loc.get("city") or "") + loc["county"]) or by_name.get(loc["county"])
        out.append(code or f"?{loc['county']}")
    return list(dict.fromkeys(out))


def gold_districts(gold_dir: Path | None, sources) -> set[str] | None:
    if gold_dir is None:
        return None
    tags = {Path(str(s)).stem.split("_")[0] for s in sources}
    for g in gold_dir.glob("*.json"):
        if g.stem.split("_")[0] in tags:
            return set(json.loads(g.read_text(encoding="utf-8")).get("districts", []))
    return None


def prf(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} pred={pred} gold={gold})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path, help="a `dudao mine` output folder")
    ap.add_argument("--gold", type=Path, help="gold folder (shared/gold) to score against")
    a = ap.parse_args()

    docs = pd.read_parquet(a.out / "documents.parquet")
    texts = dict(pd.read_parquet(a.out / "texts.parquet")[["doc_id", "text"]].itertuples(index=False))
    by_name = county_codes_by_full_name()
    totals = {tool: [0, 0, 0] for tool in ("dudao", "cpca", "jionlp")}
    places.find_mentions("以海淀成果为契机", DocContext())  # build the index and load jieba outside the timings
    seconds = {"dudao": 0.0, "cpca": 0.0, "jionlp": 0.0}
    for doc in docs.itertuples():
        text = texts.get(doc.doc_id, "")
        results = {"dudao": list(doc.districts)}
        seconds["dudao"] += dudao_seconds(text, doc)
        for tool, run in (("cpca", cpca_districts), ("jionlp", lambda t: jionlp_districts(t, by_name))):
            t0 = time.perf_counter()
            results[tool] = run(text)
            seconds[tool] += time.perf_counter() - t0
        gold = gold_districts(a.gold, doc.sources)
        print(f"\n{Path(str(doc.sources[0])).name}  region={doc.region_code}  {len(text)} chars")
        for tool, found in results.items():
            line = f"  {tool:7s} {len(found):3d} {' '.join(found)}"
            if gold is not None:
                tp = len(gold & set(found))
                for i, n in enumerate((tp, len(set(found)), len(gold))):
                    totals[tool][i] += n
                missed, extra = sorted(gold - set(found)), sorted(set(found) - gold)
                line += f"\n          missed {missed} extra {extra}"
            print(line)
    if a.gold is not None:
        print("\ndistricts against gold (every document with a gold file, all formats):")
        for tool, (tp, pred, gold) in totals.items():
            print(f"  {tool:7s} {prf(tp, pred, gold)}")
    n_chars = sum(len(t) for t in texts.values())
    print(f"\nseconds over {len(docs)} documents, {n_chars} chars: "
          + "  ".join(f"{tool} {s:.2f}" for tool, s in seconds.items()))


if __name__ == "__main__":
    main()
