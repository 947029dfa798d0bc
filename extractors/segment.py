"""Chinese segmentation shared by every extractor: jieba's dictionary reading (its
DAG and best route, no HMM guessing), and spaCy Docs built from that reading so rule
components (PhraseMatcher) see the same words. Lexicon words (place names, problem
cues) are added to jieba so it does not cut them apart.
"""
from __future__ import annotations

import array
import functools
import hashlib
import logging
import sys
from math import log
from pathlib import Path
from types import ModuleType, SimpleNamespace

from extractors.buildcache import load_or_build, long_lived

# jieba opens its data files through pkg_resources when that imports, and importing it
# scans every installed distribution (~0.2 s of each start-up); without it jieba opens
# the same files by their path (its own fallback). Only jieba's import is spared it.
_pkg_resources_absent = "pkg_resources" not in sys.modules
if _pkg_resources_absent:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
try:
    import jieba
finally:
    if _pkg_resources_absent:
        del sys.modules["pkg_resources"]

jieba.setLogLevel(logging.WARNING)

_added: set[str] = set()


@functools.cache
def _dictionary() -> None:
    """Load jieba's dictionary (its prefix frequencies) from a copy kept between runs
    (extractors.buildcache): ~0.3 s, where jieba's own marshal cache takes ~1.2 s. The
    copy is the words as one newline-joined string and the frequencies as one int64
    array, which read back faster than a pickled dict of half a million entries. The
    first run builds it as jieba does (its gen_pfdict) from the dictionary file's lines,
    which the place index reads anyway for their tags, rather than loading jieba's
    marshal cache on top (~1 s). A dictionary of the caller's own is left to jieba."""
    dt = jieba.dt
    if dt.initialized or dt.dictionary != jieba.DEFAULT_DICT:
        return dt.check_initialized()
    source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    stat = source.stat()
    # jieba's dictionary file and this code (which chooses the copy's form)
    key = hashlib.sha256(f"{jieba.__version__} {source} {stat.st_size} {stat.st_mtime_ns}".encode()
                         + Path(__file__).read_bytes()).hexdigest()[:20]

    def build() -> tuple[str, bytes, int]:
        words, total = _dictionary_file()
        freq: dict[str, int] = {}
        for word, (count, _) in words.items():
            freq[word] = count
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
        return "\n".join(freq), array.array("q", freq.values()).tobytes(), total

    words, freqs, total = load_or_build("jieba.dictionary", key, build)
    counts = array.array("q")
    counts.frombytes(freqs)
    freq = dict(zip(words.split("\n"), counts))
    with dt.lock:
        if not dt.initialized:
            dt.FREQ, dt.total, dt.initialized = freq, total, True


def add_words(words) -> None:
    """Teach jieba words it must keep whole (idempotent): what `jieba.add_word(w, freq)`
    does for a word of positive frequency, written out because its per-call checks cost
    ~0.25 s of start-up over the ~10,000 lexicon words: the word's frequency into the
    total, and each of its prefixes known (0 when new) so the DAG reaches the word."""
    _dictionary()
    dt = jieba.dt
    for w in words:
        if w and w not in _added:
            freq = max(dt.FREQ.get(w) or 0, 2000)
            dt.FREQ[w] = freq
            dt.total += freq
            for end in range(1, len(w)):
                dt.FREQ.setdefault(w[:end], 0)
            _added.add(w)


@functools.cache
def _spacy() -> SimpleNamespace:
    """The spaCy classes dudao uses (Vocab, Doc, PhraseMatcher), imported once.
    `import spacy` also loads its command line (typer, weasel, httpx: ~0.35 s of a
    one-document run's ~2.5 s, issue 17) for the one name it takes from there,
    `spacy.info`. A stand-in module answers that import meanwhile and is removed after,
    so a later `import spacy.cli` loads the real one, and `spacy.info` calls it; had
    spaCy read anything else from its CLI, the import is simply done again in full."""
    stand_ins = {} if "spacy" in sys.modules else _spacy_cli_stand_ins()
    sys.modules.update(stand_ins)
    try:
        return _import_spacy()
    except ImportError:
        if not stand_ins:
            raise
        _drop(stand_ins)
        return _import_spacy()
    finally:
        _drop(stand_ins)


def _import_spacy() -> SimpleNamespace:
    with long_lived():
        # the package first: after a failed attempt its submodules are still loaded,
        # and importing one of them alone would leave spaCy's own __init__ unrun
        import spacy  # noqa: F401
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc
        from spacy.vocab import Vocab
    return SimpleNamespace(PhraseMatcher=PhraseMatcher, Doc=Doc, Vocab=Vocab)


def _spacy_cli_stand_ins() -> dict[str, ModuleType]:
    def info(*args, **kwargs):
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    cli, cli_info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    cli_info.info, cli.info = info, cli_info
    return {"spacy.cli": cli, "spacy.cli.info": cli_info}


def _drop(stand_ins: dict[str, ModuleType]) -> None:
    for name, module in stand_ins.items():
        if sys.modules.get(name) is module:
            del sys.modules[name]


@functools.cache
def vocab():
    """The spaCy vocabulary that `make_doc` Docs and the cue PhraseMatcher share. A bare
    `Vocab`: the matcher compares words (ORTH) only, and `spacy.blank("zh")` cost every
    start-up ~0.07 s for a tokenizer and language data nothing reads (make_doc cuts with
    jieba itself), and each new word its Chinese lexical attributes."""
    return _spacy().Vocab()


def phrase_matcher():
    """A new spaCy PhraseMatcher over `vocab()`: it finds token sequences (ORTH) of
    `make_doc`/`doc_of_words` Docs."""
    return _spacy().PhraseMatcher(vocab())


def doc_of_words(words: list[str]):
    """A spaCy Doc of the given words, with no spaces between them."""
    return _spacy().Doc(vocab(), words=words, spaces=[False] * len(words))


def make_doc(text: str):
    """A spaCy Doc of jieba's dictionary reading of `text` (`word_ends`, the reading
    places judges names by), built straight from the words: spaCy's zh tokenizer cuts
    with HMM guessing and then re-aligns words and spaces, which together cost half
    as much again as the cut. Whitespace stays a token of its own rather than a
    trailing space, which no lexicon phrase holds."""
    ends = word_ends(text)
    return doc_of_words([text[a:b] for a, b in zip([0, *ends], ends)])


def word_ends(text: str) -> list[int]:
    """Where each word of jieba's dictionary reading of `text` ends (no HMM guessing),
    so callers can check whether a match sits on word boundaries. The same cuts as
    `jieba.tokenize(text, HMM=False)`, computed from jieba's own dictionary without
    building the words: places asks this of thousands of short windows per document."""
    _dictionary()
    ends, pos = [], 0
    for block in jieba.re_han_default.split(text):
        if jieba.re_han_default.match(block):
            next_start = _best_route(block)
            x, single_latin = 0, False
            while x < len(block):
                y = next_start[x]
                # jieba's cut joins runs of single Latin letters or digits into one word
                latin = y - x == 1 and jieba.re_eng.match(block[x]) is not None
                if single_latin and latin:
                    ends[-1] = pos + y
                else:
                    ends.append(pos + y)
                single_latin, x = latin, y
        else:  # outside Chinese runs jieba cuts whitespace runs whole, anything else per character
            end = pos
            for piece in jieba.re_skip_default.split(block):
                ends.extend([end + len(piece)] if jieba.re_skip_default.match(piece)
                            else range(end + 1, end + len(piece) + 1))
                end += len(piece)
        pos += len(block)
    return ends


def _best_route(block: str) -> list[int]:
    """For each position of `block`, where the word that jieba's best route starts there
    ends (exclusive). jieba's `get_DAG` and `calc` in one backward pass, with the same
    arithmetic and the same tie rule (the longer word), so the same route: its two
    passes build a dict of candidate lists and a tuple per candidate, which was most of
    the cost of segmenting."""
    freq, log_total = jieba.dt.FREQ, log(jieba.dt.total)
    n = len(block)
    score = [0.0] * (n + 1)
    next_start = [0] * n
    for k in range(n - 1, -1, -1):
        best, best_end = None, k + 1
        i, f = k, freq.get(block[k])
        while f is not None:  # the dictionary holds every prefix of its words (0 when not a word)
            if f:
                s = log(f) - log_total + score[i + 1]
                if best is None or s >= best:  # jieba's max over (score, end): the later end on a tie
                    best, best_end = s, i + 1
            i += 1
            f = freq.get(block[k:i + 1]) if i < n else None
        # no dictionary word starts here: the character alone, of frequency 1
        score[k] = 0.0 - log_total + score[k + 1] if best is None else best
        next_start[k] = best_end
    return next_start


def pos_of(word: str) -> str | None:
    """jieba's part-of-speech tag for a dictionary word (ns = place name), else None."""
    entry = _dictionary_words().get(word)
    return entry[1] if entry else None


def frequency_of(word: str) -> int:
    """How often jieba's own dictionary counts the word (0 when absent): words taught at
    run time (add_words) do not change it."""
    entry = _dictionary_words().get(word)
    return entry[0] if entry else 0


def _dictionary_words() -> dict[str, tuple[int, str]]:
    return _dictionary_file()[0]


@functools.cache
def _dictionary_file() -> tuple[dict[str, tuple[int, str]], int]:
    """Each word's frequency and tag in jieba's dictionary file, read as `jieba.posseg`
    reads it (its word_tag_tab: `word freq tag` lines), without importing posseg and its
    HMM tables (~0.2 s more of the first run, which builds the place index); and the
    frequencies' total as jieba sums it (every line, a repeated word's too)."""
    with jieba.dt.get_dict_file() as fh:
        text = fh.read().decode("utf-8")
    lines = [line.split(" ") for line in map(str.strip, text.splitlines()) if line]
    return {word: (int(freq), tag) for word, freq, tag in lines}, sum(int(freq) for _, freq, _ in lines)
