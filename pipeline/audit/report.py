"""The audit report: one self-contained HTML file that opens offline.

Stages:
  1. load      — recurrence, problem evidence, documents and the metric rows of
                 `cross_city` from out_dir/findings.duckdb
  2. charts    — a heatmap of places × problem categories (years each problem was
                 stated; a grey 年份不详 cell when no finding of it has a known year)
                 and one chart per category over numeric years, with the places whose
                 problem has no known year counted beside it (plotly, JS inlined once)
  3. tables    — the recurring problems with their evidence sentences and source
                 links, and the main metrics per place and year
  4. write     — the page, to a temporary name renamed into place
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from extractors import problems
from extractors.lexicon import load_yaml
from pipeline.audit.query import database_path
from pipeline.audit.recurrence import PROBLEMS_SQL

# CJK fonts first: Noto (Linux, fonts-noto-cjk), then the macOS and Windows ones.
FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
MAIN_METRICS = 8  # metric columns in the cross-city table: the ones covering most places
NO_YEAR = "年份不详"  # neither the finding nor its report states a year


@dataclass
class AuditData:
    recurrence: pd.DataFrame
    evidence: pd.DataFrame  # problem findings: adcode (current), category, year, sentence, doc_id
    documents: pd.DataFrame
    metrics: pd.DataFrame  # cross_city rows of achieved percent/money values, keyed on metric_code


def category_labels() -> dict[str, str]:
    """Category code → its Chinese label, from the problems lexicon (read with the
    problems extractor's own key list, so the two never disagree on the file's shape)."""
    cats = load_yaml(problems._LEXICON, problems._KEYS)["categories"]
    return {code: spec["label"] for code, spec in cats.items()}


def load_audit_data(out_dir: Path) -> AuditData:
    con = duckdb.connect(str(database_path(out_dir)), read_only=True)
    try:
        return AuditData(
            recurrence=con.execute("SELECT * FROM recurrence").df(),
            evidence=con.execute(f"SELECT * FROM ({PROBLEMS_SQL}) ORDER BY year, doc_id, start").df(),
            documents=con.execute("SELECT doc_id, title, sources, report_year FROM documents").df(),
            metrics=con.execute("SELECT * FROM cross_city WHERE kind IN ('percent', 'money') "
                                "AND metric IS NOT NULL AND NOT COALESCE(is_target, false)").df(),
        )
    finally:
        con.close()


def write_report(out_dir: Path, report_path: Path) -> Path:
    """Write the audit report of the tables in out_dir to report_path."""
    page = render_report(load_audit_data(Path(out_dir)), category_labels())
    report_path = Path(report_path)
    tmp = report_path.with_name(f".{report_path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, report_path)
    return report_path


def render_report(data: AuditData, labels: dict[str, str]) -> str:
    rec = data.recurrence
    recurring = rec[rec["recurring"]]
    undated = undated_problems(data.evidence)
    years = sorted({int(y) for ys in rec["years"] for y in ys})
    span = f"{years[0]}–{years[-1]}" if years else "—"
    body = [
        "<h1>教育督导问题审计</h1>",
        f"<p class='summary'>{len(data.documents)} 份报告 · 年份 {span} · {rec['adcode'].nunique()} 个地方 · "
        f"{len(rec)} 个地方×问题类别 · <b>{len(recurring)}</b> 个问题在两年或以上被指出</p>",
        _how_to_read(),
        "<h2 id='heatmap'>一、各地问题类别（被指出的年数）</h2>",
        _chart_html(heatmap_figure(rec, undated, labels), "heatmap-chart") if len(rec) else "<p>没有问题类发现。</p>",
        "<h2 id='by-year'>二、各类问题逐年变化（被指出问题的地方数）</h2>",
        "<div class='grid'>" + "".join(
            f"<div class='cell'>{_chart_html(category_figure(rec, undated, code, labels, years), f'category-chart-{code}')}</div>"
            for code in _ordered_categories(rec, labels)) + "</div>",
        "<h2 id='recurring'>三、反复出现的问题及依据</h2>",
        _recurring_list(recurring, data.evidence, data.documents, labels),
        "<h2 id='metrics'>四、主要指标跨地区对比</h2>",
        _metrics_table(data.metrics),
    ]
    return _page("\n".join(body))


def _how_to_read() -> str:
    return ("<p class='note'>热力图每格是该地该类问题在几个年份的报告中被指出（空白为未指出，"
            f"灰色“{NO_YEAR}”为被指出但报告和原文都未写明年份）；"
            f"柱状图按年份统计指出该类问题的地方数，{NO_YEAR}的地方数写在图题中；第三部分列出在两个或以上年份被指出的问题、原文句子和来源报告；"
            "第四部分为各地各年的主要指标（按指标代码对齐，水平值与增减分列；非目标值，同一年多个数值显示范围）。地名按现行区划代码归并，"
            "撤县设区等更名前后视为同一地方。</p>")


def _ordered_categories(rec: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    present = set(rec["category"])
    return [c for c in labels if c in present] + sorted(present - set(labels))


def _layout(**kw) -> dict:
    return dict(font=dict(family=FONT, size=13), margin=dict(l=10, r=10, t=40, b=10), **kw)


def _chart_html(fig: go.Figure, div_id: str) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                       config={"displayModeBar": False, "responsive": True})


def undated_problems(evidence: pd.DataFrame) -> set[tuple[str, str]]:
    """(adcode, category) of the problems stated at least once with no known year."""
    undated = evidence[evidence["year"].isna()]
    return set(zip(undated["adcode"], undated["category"]))


def heatmap_figure(rec: pd.DataFrame, undated: set[tuple[str, str]], labels: dict[str, str]) -> go.Figure:
    """Places × categories, coloured by the number of years a problem was stated. A
    problem stated only without a year is a grey 年份不详 cell of a second trace, so
    it never reads as 0 years nor as not stated."""
    cats = _ordered_categories(rec, labels)
    places = rec.drop_duplicates("adcode")[["adcode", "place"]]
    cell = {(r.adcode, r.category): r for r in rec.itertuples()}
    z, no_year, hover = [], [], []
    for p in places.itertuples():
        rows = [cell.get((p.adcode, c)) for c in cats]
        z.append([r.n_years if r is not None and r.n_years else None for r in rows])
        no_year.append([1 if r is not None and not r.n_years else None for r in rows])
        hover.append([_years_text(r, (p.adcode, c) in undated) for r, c in zip(rows, cats)])
    x, y = [labels.get(c, c) for c in cats], [p.place or p.adcode for p in places.itertuples()]
    common = dict(x=x, y=y, customdata=hover, xgap=2, ygap=2,
                  hovertemplate="%{y}<br>%{x}<br>年份：%{customdata}<extra></extra>")
    fig = go.Figure([
        go.Heatmap(z=z, colorscale="OrRd", zmin=0, texttemplate="%{z}", colorbar=dict(title="年数", dtick=1),
                   name="年数", **common),
        go.Heatmap(z=no_year, colorscale=[[0, "#bbbbbb"], [1, "#bbbbbb"]], showscale=False,
                   texttemplate=NO_YEAR, name=NO_YEAR, **common),
    ])
    fig.update_layout(**_layout(height=max(320, 120 + 28 * len(places))))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-35)
    return fig


def _years_text(row, undated: bool) -> str:
    if row is None:
        return ""
    years = "、".join(map(str, row.years))
    return f"{years}（另有{NO_YEAR}）" if years and undated else years or NO_YEAR


def category_figure(rec: pd.DataFrame, undated: set[tuple[str, str]], code: str, labels: dict[str, str],
                    years: list[int]) -> go.Figure:
    """Places stating the category's problem, per year on a numeric year axis; the
    places with a statement of it of no known year are counted in the title."""
    rows = rec[rec["category"] == code]
    places_by_year = {y: [r.place for r in rows.itertuples() if y in list(r.years)] for y in years}
    n_undated = sum((r.adcode, code) in undated for r in rows.itertuples())
    title = labels.get(code, code) + (f"（{NO_YEAR}：{n_undated} 个地方）" if n_undated else "")
    fig = go.Figure(go.Bar(
        x=years, y=[len(places_by_year[y]) for y in years],
        customdata=["<br>".join(places_by_year[y]) for y in years], marker_color="#c0392b",
        hovertemplate="%{x}年：%{y} 个地方<br>%{customdata}<extra></extra>"))
    fig.update_layout(**_layout(title=dict(text=title, font=dict(size=15)), height=260))
    fig.update_xaxes(type="linear", dtick=1, tickformat="d", title_text="年份")
    fig.update_yaxes(rangemode="tozero", dtick=1)
    return fig


def _source_link(source: str, text: str) -> str:
    href = source if source.startswith(("http://", "https://")) else Path(source).absolute().as_uri()
    return f"<a href='{html.escape(href)}'>{html.escape(text)}</a>"


def _doc_link(doc: dict | None, doc_id: str) -> str:
    if doc is None:
        return html.escape(doc_id)
    sources = list(doc["sources"])
    title = doc["title"] or doc_id
    if not sources:
        return html.escape(title)
    extra = "".join(" " + _source_link(s, f"[{i}]") for i, s in enumerate(sources[1:], 2))
    return _source_link(sources[0], title) + extra


def _recurring_list(recurring: pd.DataFrame, evidence: pd.DataFrame, documents: pd.DataFrame,
                    labels: dict[str, str]) -> str:
    if not len(recurring):
        return "<p>没有在两个或以上年份被指出的问题。</p>"
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    items = []
    for r in recurring.sort_values(["n_years", "adcode"], ascending=[False, True]).itertuples():
        ev = evidence[(evidence["adcode"] == r.adcode) & (evidence["category"] == r.category)]
        ev = ev.drop_duplicates(["doc_id", "sentence"])
        sentences = "".join(
            f"<li><span class='year'>{NO_YEAR if pd.isna(e.year) else int(e.year)}</span> "
            f"<q>{html.escape(e.sentence or '')}</q> <span class='src'>— {_doc_link(docs.get(e.doc_id), e.doc_id)}</span></li>"
            for e in ev.itertuples())
        years = "、".join(str(y) for y in r.years)
        items.append(f"<section class='problem'><h3>{html.escape(r.place or r.adcode)} · "
                     f"{html.escape(labels.get(r.category, r.category))}</h3>"
                     f"<p class='years'>被指出年份：{years}（{r.n_years} 年，{len(r.doc_ids)} 份报告）</p>"
                     f"<ul>{sentences}</ul></section>")
    return "\n".join(items)


def _format_value(value: float, unit: str | None) -> str:
    if unit == "yuan":
        for scale, word in ((1e8, "亿元"), (1e4, "万元")):
            if abs(value) >= scale:
                return f"{value / scale:.4g}{word}"
        return f"{value:.4g}元"
    return f"{value:.4g}{'个百分点' if unit == 'percentage_point' else '%'}"


def _metric_cell(row) -> str:
    low, high = _format_value(row.min_value, row.unit), _format_value(row.max_value, row.unit)
    return low if low == high else f"{low}–{high}"


def _metrics_table(metrics: pd.DataFrame) -> str:
    """Places × years, one column per indicator (its code, level or change, and unit):
    the columns covering the most places."""
    if not len(metrics):
        return "<p>没有指标类发现。</p>"
    key = ["metric_code", "metric", "change", "unit"]
    metrics = metrics.assign(metric_code=metrics["metric_code"].fillna("other"), unit=metrics["unit"].fillna(""))
    coverage = metrics.groupby(key)["adcode"].nunique().sort_values(ascending=False, kind="stable")
    columns = list(coverage.index[:MAIN_METRICS])
    rows = metrics[metrics.set_index(key).index.isin(columns)]
    cells = {(r.adcode, r.year, r.metric_code, r.metric, r.change, r.unit): _metric_cell(r) for r in rows.itertuples()}
    keys = rows[["province_code", "city_code", "adcode", "place", "year"]].drop_duplicates(["adcode", "year"])
    keys = keys.sort_values(["province_code", "city_code", "adcode", "year"], na_position="first")
    head = "".join(f"<th>{html.escape(_column_title(metric, change, unit))}</th>" for _, metric, change, unit in columns)
    body = []
    for k in keys.itertuples():
        year = NO_YEAR if pd.isna(k.year) else int(k.year)
        tds = "".join(f"<td>{html.escape(cells.get((k.adcode, k.year, *c), ''))}</td>" for c in columns)
        body.append(f"<tr><th>{html.escape(k.place or k.adcode)}</th><td>{year}</td>{tds}</tr>")
    return (f"<table class='metrics'><thead><tr><th>地方</th><th>年份</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _column_title(metric: str, change: bool, unit: str) -> str:
    """The indicator's name, marked when the column holds its changes (增减) or amounts."""
    marks = (["增减"] if change else []) + (["金额"] if unit == "yuan" else ["百分点"] if unit == "percentage_point" else [])
    return metric + (f"（{'，'.join(marks)}）" if marks else "")


def _page(body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>教育督导问题审计</title>
<style>
body {{ font-family: {FONT}; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }}
h1 {{ margin-bottom: .2em; }} h2 {{ border-bottom: 2px solid #c0392b; padding-bottom: .2em; margin-top: 2em; }}
.summary {{ font-size: 1.1em; }} .note {{ color: #555; font-size: .92em; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1em; }}
.problem {{ border-left: 4px solid #c0392b; padding: .2em 1em; margin: 1em 0; background: #fdf6f5; }}
.problem h3 {{ margin: .3em 0; }} .years {{ color: #c0392b; margin: .2em 0; }}
.problem li {{ margin: .4em 0; }} .year {{ font-weight: bold; margin-right: .4em; }} .src {{ color: #666; }}
table.metrics {{ border-collapse: collapse; width: 100%; font-size: .92em; }}
table.metrics th, table.metrics td {{ border: 1px solid #ddd; padding: .3em .5em; text-align: right; }}
table.metrics tbody th {{ text-align: left; }} table.metrics thead th {{ background: #f4f4f4; }}
</style>
<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>
</head><body>
{body}
</body></html>
"""
