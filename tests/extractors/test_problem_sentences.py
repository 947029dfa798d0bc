"""The problem extractor against sentences labelled by reading real reports
(corpus/labels/problem_sentences.tsv): each sentence read alone, as a news item with no
headings, must yield the labelled categories. The floors are what the rules reach;
raise them as the rules improve."""
import csv

from extractors import problems, sections
from extractors.models import DocContext, Place
from pipeline.normalise import t2s
from tests.conftest import ROOT, SHARED

LABELS = ROOT / "corpus" / "labels" / "problem_sentences.tsv"
REGION = Place("371000", "威海市", "city")
# set on the whole file; 82 sentences added in the second round (statistics declines, audit
# responses, plain-fact shortages, deputies' speech) are harder than the first 555, on which the
# rules still reach the old floors (0.90, 0.83, 0.96, 0.87). The third round's 233 (50 fresh pages
# of inspections, safety checks, self-assessments and surveys, half of them praise, plans and
# rules): its first 173 scored 0.89/0.64 (detection P/R) on the rules before the round, the
# next 60 (read after the round's first fixes) 0.85/0.85; all 233 score 0.96/0.91 after it. A last
# 31 from 7 more pages (mostly plans, targets and praise) scored 0.75/0.75 when read, 1.0/0.75 after.
# The fourth round's 106 from 24 more pages (safety checks, audit follow-ups, 政协/人大 speech, a
# national inspection; emergence words, narrative want, fronted objects of instructions, responses
# naming problems) scored 0.83/0.53 (detection P/R; categories 0.74/0.44) when read, 0.97/0.84
# (categories 0.90/0.74) after its fixes; the first 901 rows 0.96/0.87 → 0.96/0.88 (categories
# 0.90/0.82 → 0.90/0.83). The fifth round's 70 from 18 more pages, read for false alarms (safety
# checks issuing 整改通知书, praise before 但也存在一些问题, plans, clean records, self-checks listing
# hazards then their fixes) scored 0.78/0.64 (detection P/R; categories 0.77/0.63) when read,
# 0.95/0.86 (categories 0.92/0.82) after; the first 1007 rows 0.964/0.876 → 0.966/0.876
# (categories 0.897/0.824 → 0.903/0.825). 15 more from 7 pages of safety plans and achievements,
# read after those rules, scored 0.33 detection precision (1 problem among them, found), 1.0 after
# a fix named before its object (全面清查、整改安全隐患) and a campaign's scope (重点是) were read.
# With the recall round's rules too, the 1092 rows before ROUND_MARK score 0.968/0.880 (categories
# 0.903/0.829). With round 6's rules (基本均衡 evaluations, 严重不足 read whole, fees, treasury accounts
# and debts), 0.966/0.885 (categories 0.901/0.833); with round 7's (fund names, offices, prohibitions),
# 0.966/0.885 (categories 0.903/0.833); with round 8's (facility nouns, uses, listed stages), 0.966/0.885
# (categories 0.905/0.836).
FLOORS = {"category_precision": 0.904, "category_recall": 0.835, "detection_precision": 0.965,
          "detection_recall": 0.884}
# The recall round (the rows after ROUND_MARK: 73 from 16 pages of audits of school conditions and
# subsidies, 人大/政协 speech on village teachers, unlicensed kindergartens, county surveys; narrative
# wording with no 不足-word) scored 1.0/0.55 (detection P/R; categories 0.92/0.48) when read, 0.97/0.70
# (categories 0.96/0.61) after its fixes, 0.98/0.71 (categories 0.98/0.63) with the false-alarm
# round's rules too; floors of its own, so the rows before keep theirs. 0.98/0.73 (categories 0.98/0.64) with
# round 8's rules.
ROUND_MARK = "# round 5"
ROUND_FLOORS = {"category_precision": 0.979, "category_recall": 0.64, "detection_precision": 0.975,
                "detection_recall": 0.73}
# Round 6 (the rows after ROUND6_MARK: 35 from 16 pages of 座谈/调研 news that talk about problems, audit and
# fee stories with questions, balanced-development evaluations and their failures, a costly school):
# scored 0.67/0.32 (detection P/R; categories 0.56/0.23) on the rules before it, 0.83/0.53 (categories
# 0.85/0.50) after its fixes (a question's last clause, a topic list ending in 存在的问题, 基本均衡, fees,
# treasury accounts, debts, 教学力量, 抢生源); most still missed are narratives of fees and spending with
# no deficiency word. 7 more rows from 3 pages read after those rules (a second marker line) scored
# 1.0/1.0 (categories 1.0/0.8; 1.0/1.0 after 标准化建设 was read as facilities); all 42 score 0.86/0.57
# (categories 0.89/0.59); 0.87/0.62 (categories 0.90/0.63) with round 7's rules; categories 0.90/0.67 with
# round 8's.
ROUND6_MARK = "# round 6"
ROUND6_FLOORS = {"category_precision": 0.9, "category_recall": 0.66, "detection_precision": 0.86,
                 "detection_recall": 0.61}
# Round 7 (the rows after ROUND7_MARK: 59 from 15 pages of 乱收费 通报 and fee checks with their scope,
# offices named after the ill they treat, audits of nutrition subsidies naming funds, prohibitions of
# paid tutoring, a provincial self-assessment): scored 0.79/0.96 (detection P/R; categories 0.57/0.91) on
# the rules before it, 0.96/0.96 (categories 0.85/0.96) after (fund names, office names, prohibitions,
# notices of problems). 22 more rows from 6 pages read after those rules (a second marker line: the scope of
# fee and safety checks, a canteen check's findings) scored 0.2/0.2 (categories 0.2/0.2), 1.0/0.8 (categories
# 1.0/0.8) after the scope of a check was read to the sentence's end, a campaign named after the ill it
# treats, 整改意见 and the canteen's store room, samples and licence; all 81 score 1.0/0.93 (categories
# 1.0/0.93 once what misused money was spent on, and how, is no topic found lacking).
ROUND7_MARK = "# round 7"
ROUND7_FLOORS = {"category_precision": 0.99, "category_recall": 0.92, "detection_precision": 0.99,
                 "detection_recall": 0.92}
# Round 8 (the rows after ROUND8_MARK: 50 from 15 pages of school conditions below the standards — rooms,
# areas and fittings of (boarding) schools lacking, oversized schools — canteen audits and campaigns, faults
# stated through the money given back): scored 0.87/0.59 (detection P/R; categories 0.61/0.47) on the rules
# before it, 1.0/0.94 (categories 0.82/0.86) after (school facility nouns, uses naming a facility, oversized
# schools, money given back, campaigns named after an ill, lists announced, notices and an audit's scope, ills
# said to fall). Most left are canteen money faults read as funding or safety (伙食经费中违规开支, 食堂利润过高)
# where the labels say school_conduct. 17 more rows from 6 pages read after those rules (a second marker line:
# canteen money, canteen audits, crowded dormitories) scored 0.875/0.54 (categories 0.50/0.36), 1.0/0.62
# (categories 0.67/0.43) once 供不应求 was a shortage and 消灭 a fix; all 67 score 1.0/0.85 (categories 0.79/0.74).
# Still missed: canteen surpluses (伙食费结余超过收费的一半), crowding told by head counts (一个宿舍住30人).
ROUND8_MARK = "# round 8"
ROUND8_FLOORS = {"category_precision": 0.78, "category_recall": 0.74, "detection_precision": 0.99,
                 "detection_recall": 0.85}
# Round 9 (the rows after ROUND9_MARK: 23 from 13 pages of 整改 reports naming feedback problems by area,
# 小区配套幼儿园 治理, audits of misused money, safety checks of training centres, preschool studies): scored
# 0.80/0.73 (detection P/R; categories 0.58/0.50) on the rules before it, 0.83/0.91 (categories 0.67/0.86)
# after (feedback frames naming areas and 问题等 lists, blocked ways out, 消防安全). Still wrong: a fix's purpose
# naming an ill (从根本上解决…大班额问题 after 以此分流), training centres' safety faults read as training problems
# too, a 不达标 list named by a quoted standard, 学前教育资源 read as school places.
ROUND9_MARK = "# round 9"
ROUND9_FLOORS = {"category_precision": 0.66, "category_recall": 0.85, "detection_precision": 0.83,
                 "detection_recall": 0.9}


def _labelled() -> list[dict]:
    with LABELS.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def _rounds() -> tuple[list[dict], list[dict], list[dict], list[dict], list[dict], list[dict]]:
    """The rows before the ROUND_MARK line, those between it and ROUND6_MARK, between ROUND6_MARK and
    ROUND7_MARK, between ROUND7_MARK and ROUND8_MARK, between ROUND8_MARK and ROUND9_MARK, and those after."""
    text = LABELS.read_text(encoding="utf-8")
    before, _, after = text.partition(ROUND_MARK)
    round5, _, after = after.partition(ROUND6_MARK)
    round6, _, after = after.partition(ROUND7_MARK)
    round7, _, after = after.partition(ROUND8_MARK)
    round8, _, round9 = after.partition(ROUND9_MARK)
    header = next(line for line in before.splitlines() if not line.startswith("#"))

    def rows(part: str) -> list[dict]:
        return list(csv.DictReader((line for line in part.splitlines() if line and not line.startswith("#")),
                                   delimiter="\t", fieldnames=header.split("\t")))
    return (rows(before)[1:], rows(round5.partition("\n")[2]), rows(round6.partition("\n")[2]),
            rows(round7.partition("\n")[2]), rows(round8.partition("\n")[2]), rows(round9.partition("\n")[2]))


def _categories(sentence: str) -> set[str]:
    # as the pipeline reads it: a Traditional page is converted to Simplified before extraction
    sentence = t2s().convert(sentence)
    ctx = DocContext(region=REGION, mentions=(), report_year=2022)
    ctx.sections = tuple(sections.label_sections(sentence, ctx))
    return {f.category for f in problems.extract(sentence, ctx)}


def _scores(rows: list[dict]) -> dict[str, float]:
    tp = fp = fn = found = found_right = stated = 0
    for row in rows:
        gold = set(filter(None, row["categories"].split(";")))
        predicted = _categories(row["sentence"])
        tp, fp, fn = tp + len(gold & predicted), fp + len(predicted - gold), fn + len(gold - predicted)
        found += bool(predicted)
        found_right += bool(predicted) and row["problem"] == "1"
        stated += row["problem"] == "1"
    return {"category_precision": tp / (tp + fp), "category_recall": tp / (tp + fn),
            "detection_precision": found_right / found, "detection_recall": found_right / stated}


def test_the_label_file_is_well_formed():
    rows = _labelled()
    codes = {line.split("\t")[0] for line in
             (SHARED / "spec" / "problem_categories.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    assert len(rows) >= 1000
    for row in rows:
        categories = set(filter(None, row["categories"].split(";")))
        assert row["problem"] in ("0", "1") and (row["problem"] == "1") == bool(categories), row
        assert categories <= codes, row
        assert row["url"].startswith("http"), row


def test_labelled_sentences_are_found_at_or_above_the_floors():
    before, round5, round6, round7, round8, round9 = _rounds()
    assert (len(before) + len(round5) + len(round6) + len(round7) + len(round8) + len(round9) == len(_labelled())
            and round5 and round6 and round7 and round8 and round9)
    for rows, floors in ((before, FLOORS), (round5, ROUND_FLOORS), (round6, ROUND6_FLOORS), (round7, ROUND7_FLOORS),
                         (round8, ROUND8_FLOORS), (round9, ROUND9_FLOORS)):
        scores = _scores(rows)
        below = {k: round(v, 3) for k, v in scores.items() if v < floors[k]}
        assert not below, f"below the floors {floors}: {below}"
