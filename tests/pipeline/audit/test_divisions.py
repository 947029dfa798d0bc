"""The audit's divisions table: one row per code, named as the code was last named."""
from pipeline.audit.divisions import current_codes, divisions


def names(*codes):
    rows = divisions().to_pylist()
    return [[r["name"] for r in rows if r["adcode"] == c] for c in codes]


def test_a_code_in_use_has_its_current_name_once():
    # MCA: 510502 was 市中区 until 1995, 江阳区 since
    assert names("510502") == [["江阳区"]]


def test_a_retired_code_has_the_last_name_it_had():
    # MCA: 532726 镇沅县 until 1990, then 镇沅彝族哈尼族拉祜族自治县 until 2003
    assert names("532726") == [["镇沅彝族哈尼族拉祜族自治县"]]


def test_codes_are_unique_and_the_mapping_does_not_follow_the_hash_seed():
    codes = divisions()["adcode"].to_pylist()
    assert len(codes) == len(set(codes))
    assert list(current_codes(["110229", "110105", "110229"])) == ["110105", "110229"]
