"""Accuracy of an output folder against gold annotations (spec/FINDINGS.md).

The definitions are those of the project's reference scorer (shared/tools/
score_findings.py): districts and problems as sets, percents as a multiset of
(value, unit) with value_from counting as an occurrence, money as a multiset of yuan
values; micro-averaged P/R/F1 over documents; problem_categories (the categories a
document states, whatever the place); place, year, qualifier, metric-code and change
accuracy of matched figures. On top of it, every miss and spurious item comes with its sentence.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.errors import DudaoError

FIELDS = ("districts", "percents", "money", "problems", "problem_categories")
DOC_FIELDS = ("region_code", "report_year", "report_type")
FORMAT_PREFERENCE = ("html", "txt", "pdf", "docx")


class GoldError(DudaoError):
    """A gold folder or file cannot be read."""

    kind = "gold_error"


@dataclass
class ScoreReport:
    fields: dict[str, dict] = field(default_factory=dict)
    doc: dict[str, float | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        out = dict(self.fields)
        out.update({f"doc.{k}": v for k, v in self.doc.items()})
        return out


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _as_list(v) -> list:
    if _missing(v):
        return []
    if isinstance(v, str):
        try:
            parsed = json.loads(v)
            return parsed if isinstance(parsed, list) else [v]
        except ValueError:
            return [v]
    return list(v)


def _code(v) -> str | None:
    return None if _missing(v) else (str(v).strip() or None)


def percent_key(x: dict) -> tuple:
    return (round(float(x["value"]), 4), x.get("unit") or "percent")


def money_key(x: dict) -> float:
    v = float(x["value"])
    return round(v, 2) if abs(v) < 1e6 else round(v / 1e4, 2)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _match(pred: list[dict], gold: list[dict], key) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Greedy multiset match on key(): matched pairs, unmatched gold, unmatched pred."""
    pairs, used = [], set()
    missed = []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and key(p) == key(g):
                used.add(i)
                pairs.append((p, g))
                break
        else:
            missed.append(g)
    spurious = [p for i, p in enumerate(pred) if i not in used]
    return pairs, missed, spurious


def load_gold(gold_dir: Path) -> dict[str, dict]:
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise GoldError(f"no gold *.json files in {gold_dir}")
    gold = {}
    for f in files:
        try:
            gold[f.name] = json.loads(f.read_text(encoding="utf-8"))
        except ValueError as e:
            raise GoldError(f"{f}: not valid JSON ({e})") from e
    return gold


def _source_tag(name: str) -> str:
    """What ties a gold file to its source: the file name before its first "_" and its
    extension (000_beijing.html ↔ 000_7259ca4f.json, report.txt ↔ report.json)."""
    return Path(str(name)).stem.split("_")[0]


def _document_for(tag: str, docs: pd.DataFrame):
    hit = docs[docs["sources"].apply(lambda s: any(_source_tag(x) == tag for x in _as_list(s)))]
    if hit.empty:
        return None
    rank = {f: i for i, f in enumerate(FORMAT_PREFERENCE)}
    return hit.assign(_rank=hit["format"].map(lambda f: rank.get(f, len(rank)))).sort_values("_rank").iloc[0]


def _figure_rows(rows: list[dict], kind: str) -> list[dict]:
    out = []
    for r in rows:
        if r.get("kind") != kind:
            continue
        out.append(r)
        if kind == "percent" and not _missing(r.get("value_from")):
            out.append(dict(r, value=r["value_from"]))
    return out


def score(gold_dir: Path, out_dir: Path) -> ScoreReport:
    out_dir = Path(out_dir)
    if not (out_dir / "documents.parquet").exists():
        raise GoldError(f"{out_dir} has no documents.parquet: run `dudao mine` first")
    docs = pd.read_parquet(out_dir / "documents.parquet")
    finds = pd.read_parquet(out_dir / "findings.parquet")
    totals = {k: Counter() for k in FIELDS}
    attrib = {k: Counter() for k in ("percents", "money")}
    meta = Counter()
    report = ScoreReport()
    err = report.errors.append

    for name, gold in load_gold(gold_dir).items():
        drow = _document_for(_source_tag(name), docs)
        if drow is None:
            err(f"{name}: no document in the output")
        rows = [] if drow is None else finds[finds["doc_id"] == drow["doc_id"]].to_dict("records")

        for fld in DOC_FIELDS:
            want = gold["doc"].get(fld)
            if want is None:
                continue
            meta[fld + "_n"] += 1
            got = None if drow is None else drow.get(fld)
            if isinstance(got, float) and got.is_integer():
                got = int(got)  # a year column with gaps is read back as float
            if not _missing(got) and str(got) == str(want):
                meta[fld + "_ok"] += 1
            else:
                err(f"{name}: doc.{fld} gold={want} got={got}")

        gd = set(gold.get("districts", []))
        pdist = set() if drow is None else {str(x) for x in _as_list(drow["districts"])}
        totals["districts"].update(tp=len(gd & pdist), pred=len(pdist), gold=len(gd))
        for x in sorted(gd - pdist):
            err(f"{name}: district missed {x}")
        for x in sorted(pdist - gd):
            err(f"{name}: district spurious {x}")

        for fld, kind, key in (("percents", "percent", percent_key), ("money", "money", money_key)):
            pred, gold_items = _figure_rows(rows, kind), gold.get(fld, [])
            pairs, missed, spurious = _match(pred, gold_items, key)
            totals[fld].update(tp=len(pairs), pred=len(pred), gold=len(gold_items))
            for p, g in pairs:
                _attribute(attrib[fld], fld, p, g, name, err)
            for g in missed:
                err(f"{name}: {kind} missed {g.get('text')}")
            for p in spurious:
                err(f"{name}: {kind} spurious {p.get('text')} ({p['value']}) in «{p.get('sentence', '')[:80]}»")

        gpr = {(x["category"], _code(x.get("adcode"))) for x in gold.get("problems", [])}
        by_pair: dict[tuple, dict] = {}
        for r in rows:
            if r.get("kind") == "problem":
                by_pair.setdefault((r.get("category"), _code(r.get("adcode"))), r)
        totals["problems"].update(tp=len(gpr & set(by_pair)), pred=len(by_pair), gold=len(gpr))
        gcat, pcat = {c for c, _ in gpr}, {c for c, _ in by_pair}
        totals["problem_categories"].update(tp=len(gcat & pcat), pred=len(pcat), gold=len(gcat))
        for x in sorted(gpr - set(by_pair), key=str):
            err(f"{name}: problem missed {x}")
        for x in sorted(set(by_pair) - gpr, key=str):
            err(f"{name}: problem spurious {x} «{by_pair[x].get('text')}» in «{by_pair[x].get('sentence', '')[:80]}»")

    for k, c in totals.items():
        p, r, f1 = _prf(c["tp"], c["pred"], c["gold"])
        report.fields[k] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                            "tp": c["tp"], "pred": c["pred"], "gold": c["gold"]}
    for k, c in attrib.items():
        report.fields[k]["place_accuracy"] = round(c["place"] / c["n"], 3) if c["n"] else None
        report.fields[k]["year_accuracy"] = round(c["year"] / c["year_n"], 3) if c["year_n"] else None
        report.fields[k]["qualifier_accuracy"] = round(c["qual"] / c["qual_n"], 3) if c["qual_n"] else None
        report.fields[k]["metric_code_accuracy"] = round(c["code"] / c["code_n"], 3) if c["code_n"] else None
        report.fields[k]["change_accuracy"] = round(c["change"] / c["change_n"], 3) if c["change_n"] else None
    for fld in DOC_FIELDS:
        n = meta[fld + "_n"]
        report.doc[fld] = round(meta[fld + "_ok"] / n, 3) if n else None
    return report


def _attribute(c: Counter, fld: str, p: dict, g: dict, name: str, err) -> None:
    label = f"{name}: {fld} {g.get('text')}"
    c["n"] += 1
    if _code(p.get("adcode")) == _code(g.get("adcode")):
        c["place"] += 1
    else:
        err(f"{label} place gold={g.get('adcode')} got={p.get('adcode')} in «{p.get('sentence', '')[:80]}»")
    if g.get("year") is not None:
        c["year_n"] += 1
        py = p.get("year")
        if not _missing(py) and int(py) == int(g["year"]):
            c["year"] += 1
        else:
            err(f"{label} year gold={g.get('year')} got={py}")
    if g.get("metric_code"):
        c["code_n"] += 1
        got = _code(p.get("metric_code")) or "other"  # a missing code counts as `other`
        if got == g["metric_code"]:
            c["code"] += 1
        else:
            err(f"{label} metric_code gold={g['metric_code']} got={got} in «{p.get('sentence', '')[:80]}»")
    if "change" in g:
        c["change_n"] += 1
        got = not _missing(p.get("change")) and bool(p["change"])
        if got == bool(g["change"]):
            c["change"] += 1
        else:
            err(f"{label} change gold={g['change']} got={got} in «{p.get('sentence', '')[:80]}»")
    if g.get("qualifier"):
        c["qual_n"] += 1
        if (p.get("qualifier") or "exact") == g["qualifier"]:
            c["qual"] += 1
        else:
            err(f"{label} qualifier gold={g.get('qualifier')} got={p.get('qualifier')}")


def format_report(report: ScoreReport, as_json: bool = False, errors: bool = True) -> str:
    if as_json:
        return json.dumps(dict(report.as_dict(), errors=report.errors), ensure_ascii=False, indent=1)
    lines = [f"{k:18} {v}" for k, v in report.as_dict().items()]
    if errors and report.errors:
        lines += ["", f"{len(report.errors)} misses and spurious items:"] + [f"  {e}" for e in report.errors]
    return "\n".join(lines)


def write_templates(out_dir: Path, sources: list[str], gold_dir: Path) -> list[Path]:
    """A pre-filled gold file per mined source, from dudao's own output, for a person to
    correct: delete what is wrong, add what is missing."""
    docs = pd.read_parquet(Path(out_dir) / "documents.parquet")
    finds = pd.read_parquet(Path(out_dir) / "findings.parquet")
    gold_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sources:
        hit = docs[docs["sources"].apply(lambda s: any(str(x) == str(src) or Path(str(x)).name == Path(src).name
                                                       for x in _as_list(s)))]
        if hit.empty:
            raise GoldError(f"{src}: not among the mined documents of {out_dir}")
        d = hit.iloc[0]
        rows = finds[finds["doc_id"] == d["doc_id"]].to_dict("records")
        gold = {
            "doc": {k: (None if _missing(d.get(k)) else (int(d[k]) if k == "report_year" else str(d[k])))
                    for k in ("region_code", "report_year", "report_type", "script", "title", "publisher")},
            "districts": [str(x) for x in _as_list(d["districts"])],
            "percents": [_figure(r, ("value", "unit", "adcode", "year", "metric", "qualifier", "is_target", "text"))
                         for r in _figure_rows(rows, "percent")],
            "money": [_figure(r, ("value", "qualifier", "per", "adcode", "year", "metric", "is_target", "text"))
                      for r in rows if r["kind"] == "money"],
            "problems": sorted({(r["category"], r["adcode"]): {"category": r["category"], "adcode": r["adcode"],
                                                                "sentence": r["sentence"]}
                                for r in rows if r["kind"] == "problem"}.values(), key=lambda x: str(x["category"])),
        }
        path = gold_dir / f"{Path(src).stem}.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        written.append(path)
    return written


def _figure(row: dict, keys: tuple[str, ...]) -> dict:
    out = {}
    for k in keys:
        v = row.get(k)
        if hasattr(v, "item"):
            v = v.item()
        out[k] = None if _missing(v) else v
    return out


def load_floors(path: Path) -> dict[str, float]:
    import yaml

    floors = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {str(k): float(v) for k, v in floors.items()}


def below_floors(report: ScoreReport, floors: dict[str, float]) -> list[str]:
    """Every figure of `report` under its floor, as 'name: got < floor'."""
    flat = {}
    for name, value in report.as_dict().items():
        if isinstance(value, dict):
            flat.update({f"{name}.{k}": v for k, v in value.items()})
        else:
            flat[name] = value
    return [f"{name}: {flat.get(name)} < {floor}" for name, floor in floors.items()
            if flat.get(name) is None or flat[name] < floor]
