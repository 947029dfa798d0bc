"""segment.word_ends must cut exactly where jieba.tokenize(HMM=False) does: places
relies on it to judge whether a name sits on jieba's word boundaries."""
import os
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings, strategies as st

from extractors import segment

ROOT = Path(__file__).resolve().parents[2]

# Chinese, Latin letters, digits, the punctuation and spaces reports mix in
_ALPHABET = st.sampled_from(list("环翠区教育局在全区开展普惠率达到九十的学校面向山区中小学")
                            + list("abcXYZ0123456789.%-+# \u3000\n，。、（）《》𠀀"))


@given(st.text(_ALPHABET, max_size=40))
@settings(max_examples=400, deadline=None)
def test_word_ends_match_jieba_tokenize(text):
    assert segment.word_ends(text) == [end for _, _, end in jieba.tokenize(text, HMM=False)]


@pytest.mark.parametrize("text", [
    # long dictionary words and their prefixes meet, where the best route has most to choose
    "全县义务教育阶段学校标准化建设工作稳步推进，中小学校舍安全工程全面完成。",
    "普惠性民办幼儿园认定工作滞后，农村学前教育资源依然短缺；2023年生均公用经费拨付不到位。",
    "督导组指出：部分学校大班额问题突出，教师队伍结构性缺编矛盾仍然存在。",
])
def test_word_ends_match_jieba_tokenize_on_report_sentences(text):
    assert segment.word_ends(text) == [end for _, _, end in jieba.tokenize(text, HMM=False)]


def test_word_ends_join_single_latin_letters_as_jieba_does():
    # jieba's route reads a, b, 3 one by one; its cut joins them into one word
    assert segment.word_ends("ab3中文xy 12") == [3, 5, 7, 8, 10]
    assert segment.word_ends("") == []


def test_add_words_teaches_jieba_as_its_add_word_does(monkeypatch):
    segment.word_ends("")  # jieba's dictionary loaded

    def copy_of_dictionary():
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
        return tokenizer

    theirs, ours = copy_of_dictionary(), copy_of_dictionary()
    taught = ["镇岳湾学区", "学区", "镇岳湾学区"]  # a new word with new prefixes, a known word, a repeat
    for w in dict.fromkeys(taught):
        theirs.add_word(w, freq=max(theirs.FREQ.get(w) or 0, 2000))
    monkeypatch.setattr(jieba, "dt", ours)
    monkeypatch.setattr(segment, "_added", set())
    segment.add_words(taught)
    assert ours.FREQ == theirs.FREQ and ours.total == theirs.total


def test_the_kept_dictionary_reads_back_as_jiebas_own(tmp_path):
    """extractors.segment keeps jieba's dictionary in its own compact form: a first run
    (built and kept) and a second (read back) both equal what jieba loads itself."""
    check = ("import jieba; from extractors import segment; segment._dictionary(); "
             "theirs = jieba.Tokenizer(); theirs.check_initialized(); "
             "assert jieba.dt.FREQ == theirs.FREQ and jieba.dt.total == theirs.total")
    env = dict(os.environ, PYTHONPATH=str(ROOT), DUDAO_CACHE_DIR=str(tmp_path))
    for _ in ("built", "read back"):
        subprocess.run([sys.executable, "-c", check], check=True, env=env)
    assert len(list(tmp_path.glob("jieba.dictionary-*.pkl"))) == 1


def test_word_tags_are_jieba_posseg_s():
    """The place index reads jieba's tags (ns = place name) without importing
    jieba.posseg: the same table."""
    import jieba.posseg

    assert {word: tag for word, (_, tag) in segment._dictionary_words().items()} == jieba.posseg.dt.word_tag_tab
    assert segment.pos_of("海淀") == "ns" and segment.pos_of("不在词典里的词") is None


def test_frequencies_are_jiebas_own_dictionarys():
    assert segment.frequency_of("和平") == jieba.dt.FREQ["和平"] and segment.frequency_of("不在词典里的词") == 0


def _run_fresh(code: str, tmp_path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DUDAO_CACHE_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_spacy_is_loaded_without_its_command_line_which_stays_importable(tmp_path):
    """dudao's spaCy import skips spaCy's CLI modules (start-up, issue 17), yet a
    later `import spacy.cli` in the same process gets the real one, and the matcher
    finds phrases as it does after a full import."""
    _run_fresh(
        "import sys\n"
        "from extractors import segment\n"
        "matcher = segment.phrase_matcher()\n"
        "matcher.add('cue', [segment.doc_of_words(['大', '班额'])])\n"
        "assert [(s, e) for _, s, e in matcher(segment.doc_of_words(['存在', '大', '班额', '问题']))] == [(1, 3)]\n"
        "assert not any(name.startswith('spacy.cli') for name in sys.modules), 'the CLI was loaded'\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.app) and callable(spacy.info)\n", tmp_path)


def test_spacy_is_imported_in_full_when_it_needs_more_of_its_cli(tmp_path):
    """Should a spaCy release read more than `info` from its CLI while importing, the
    stand-in fails it and the import is simply done again in full."""
    _run_fresh(
        "import sys, types\n"
        "from extractors import segment\n"
        "segment._spacy_cli_stand_ins = lambda: {'spacy.cli': types.ModuleType('spacy.cli'),\n"
        "                                        'spacy.cli.info': types.ModuleType('spacy.cli.info')}\n"
        "assert segment.vocab() is not None\n"
        "assert callable(sys.modules['spacy.cli'].app)\n", tmp_path)
