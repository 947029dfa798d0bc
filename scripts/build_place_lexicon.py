#!/usr/bin/env python3
"""Build lexicons/places.tsv from the shared division data.

Rows: every unit of the NBS 2023 统计用区划代码 (provinces, prefecture-level units,
county-level units including functional zones), plus every code the MCA table lists
for 1981–2024 that NBS 2023 lacks (retired codes, old names of a code, changes after
the NBS cut-off), with the years each was valid and the codes that replaced it.

usage: build_place_lexicon.py [--data ../shared/data] [--out lexicons/places.tsv]
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("adcode", "name", "full_name", "level", "parent", "valid_from", "valid_to", "replaced_by", "source")
# NBS prefecture rows that are groupings, not units: counties under them belong to the province.
PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MCA_LEVELS = {"省级": "province", "地级": "city", "县级": "county"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def successors(field: str) -> list[str]:
    """Final successor codes of a retired code. `新代码` lists partial transfers as
    `code[year]` and the final successors bare; fall back to the transfers when no
    bare code is given."""
    parts = [p.strip() for p in field.split(";") if p.strip()]
    bare = [p for p in parts if "[" not in p]
    return bare or [p.split("[")[0] for p in parts]


def nbs_rows(data: Path, mca_since: dict) -> list[dict]:
    provinces = {r["code"] + "0000": r["name"] for r in read_csv(data / "nbs2023_provinces.csv")}
    cities = {r["code"] + "00": r for r in read_csv(data / "nbs2023_cities.csv")}
    rows = []
    for code, name in provinces.items():
        rows.append(dict(adcode=code, name=name, full_name=name, level="province", parent=""))
    for code, r in cities.items():
        if r["name"] in PSEUDO_CITIES:
            continue
        rows.append(dict(adcode=code, name=r["name"], full_name=r["name"], level="city",
                         parent=r["provinceCode"] + "0000"))
    for r in read_csv(data / "nbs2023_counties.csv"):
        city = cities.get(r["cityCode"] + "00")
        if city is None or city["name"] in PSEUDO_CITIES:
            parent = r["provinceCode"] + "0000"
            prefix = provinces[parent]
        else:
            parent, prefix = r["cityCode"] + "00", city["name"]
        name = r["name"]
        # a zone named after its city (威海火炬高技术产业开发区) needs no city prefix
        full = name if name.startswith(prefix.rstrip("市")) else prefix + name
        rows.append(dict(adcode=r["code"], name=name, full_name=full, level="county", parent=parent))
    for row in rows:
        row.update(valid_from=mca_since.get((row["adcode"], row["name"]), ""), valid_to="",
                   replaced_by="", source="nbs2023")
    return rows


def mca_rows(data: Path, known: set) -> list[dict]:
    rows, seen = [], set()
    codes = {r["代码"] for r in read_csv(data / "mca_codes_1981_2024.csv")}
    for r in read_csv(data / "mca_codes_1981_2024.csv"):
        key = (r["代码"], r["名称"])
        if key in known or key in seen:
            continue
        seen.add(key)
        level = MCA_LEVELS[r["级别"]]
        code = r["代码"]
        if level == "province":
            parent, full = "", r["名称"]
        elif level == "city":
            parent, full = code[:2] + "0000", r["名称"]
        else:
            city = code[:4] + "00"
            parent = city if city in codes and r["二级行政区"] != "直辖" else code[:2] + "0000"
            prefix = r["一级行政区"] if r["二级行政区"] in ("直辖", "") else r["二级行政区"]
            full = prefix + r["名称"]
        retired = r["状态"] in ("弃用", "变更")
        rows.append(dict(adcode=code, name=r["名称"], full_name=full, level=level, parent=parent,
                         valid_from=r["启用时间"], valid_to=r["变更/弃用时间"] if retired else "",
                         replaced_by=";".join(successors(r["新代码"])) if retired else "",
                         source="mca1981-2024"))
    return rows


def build(data: Path) -> list[dict]:
    mca = read_csv(data / "mca_codes_1981_2024.csv")
    since = {(r["代码"], r["名称"]): r["启用时间"] for r in mca if r["状态"] == "在用"}
    nbs = nbs_rows(data, since)
    rows = nbs + mca_rows(data, {(r["adcode"], r["name"]) for r in nbs})
    return sorted(rows, key=lambda r: (r["adcode"], r["valid_to"] != "", r["valid_to"], r["name"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "lexicons" / "places.tsv")
    a = ap.parse_args()
    rows = build(a.data)
    with a.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# source: nbs2023 = NBS 统计用区划代码 2023 via modood/Administrative-divisions-of-China 57a0aa9 (dist/*.csv); "
                 "mca1981-2024 = MCA 县级以上行政区划代码 via yescallop/areacodes eed219a (result.csv)\n")
        fh.write("# version: NBS 2023 (cut-off 2023-06-30); MCA 1981-2024\n")
        fh.write("# licence: nbs2023 rows WTFPL; mca1981-2024 rows CC0 1.0\n")
        fh.write("# generated: by scripts/build_place_lexicon.py — do not edit by hand\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in COLUMNS) + "\n")
    print(f"{len(rows)} rows -> {a.out}")


if __name__ == "__main__":
    main()
