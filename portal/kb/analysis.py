"""Chinese text analysis for the search index: jieba words, character bigrams, stop words, t2s."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator

import jieba
from opencc import OpenCC
from whoosh.analysis import Token, Tokenizer

_JIEBA_LOCK = threading.Lock()
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORDISH = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]{2,}")

# Question filler that says nothing about which article answers (kept short on purpose:
# legal words such as 应当 or 可以 stay, the statute uses them and IDF weighs them down).
STOP_WORDS = frozenset(
    """的 了 着 过 吗 呢 吧 啊 呀 么 嘛 哦 是 在 和 与 及 或 就 都 也 还 又 再 才 很 太
    什么 怎么 怎么办 怎么样 怎样 如何 为何 为什么 是否 能否 可否 可不可以 能不能 会不会 是不是 有没有
    哪些 哪个 哪里 谁 多少 几 请问 想 问 一下 我 你 他 她 它 我们 你们 他们 她们 自己 这 那 这个 那个
    这样 那样 这种 那种 此 该 其 之 吗？ 呢？ 啥 咋 咋办 要不要 应不应该 一个 有 没 没有 会 能
    把 被 给 让 跟 对 从 向 找 要 啦 呗 咱 俺 咱们 人家 这么 那么 这些 那些 然后 已经 现在""".split()
)


@functools.cache
def _converter() -> OpenCC:
    """One t2s converter per process (building it reads the dictionaries)."""
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese converted to Simplified; other text unchanged."""
    return _converter().convert(text)


def init_jieba(user_words: Iterable[str] = ()) -> None:
    """Load jieba once, quietly, and teach it the legal terms given."""
    with _JIEBA_LOCK:
        if not jieba.dt.initialized:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
        new = [w for w in user_words if len(w) >= 2 and w not in jieba.dt.FREQ]
        for word in new:
            jieba.add_word(word, freq=50)
        if new:
            _cached_words.cache_clear()  # segmentations made before may split the new words


def words(text: str) -> list[tuple[str, int, int]]:
    """Search-mode jieba tokens (word, start, end) of letters and digits, stop words dropped."""
    init_jieba()
    return list(_cached_words(text))


@functools.lru_cache(maxsize=8192)
def _cached_words(text: str) -> tuple[tuple[str, int, int], ...]:
    # Chapter titles and guide paragraphs recur in hundreds of documents; segment each once.
    return tuple(
        (word.lower(), start, end)
        for word, start, end in jieba.tokenize(text, mode="search")
        if _WORDISH.match(word) and word not in STOP_WORDS
    )


def outer_words(tokens: Iterable[tuple[str, int, int]]) -> list[str]:
    """The tokens of a search-mode segmentation that are not part of a longer token: for
    非法人组织 only 非法人组织, not also 法人, 非法, 组织 and 非法人. Counting every part would
    weigh a compound several times over a plain word beside it (包工头 three times to 工钱's once
    in 包工头欠了我们一年的工钱不给)."""
    tokens = list(tokens)
    return [word for word, start, end in tokens
            if not any(s <= start and end <= e and e - s > end - start for _, s, e in tokens)]


def bigrams(text: str) -> list[tuple[str, int, int]]:
    """Overlapping Han character bigrams (single characters for one-character runs)."""
    out = []
    for run in _HAN_RUN.finditer(text):
        chunk, base = run.group(), run.start()
        if len(chunk) == 1:
            out.append((chunk, base, base + 1))
        out.extend((chunk[i : i + 2], base + i, base + i + 2) for i in range(len(chunk) - 1))
    return out


class _FunctionTokenizer(Tokenizer):
    """A Whoosh tokenizer around one of the functions above."""

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name  # a name, not the function, so the schema pickles

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _FunctionTokenizer) and other.function_name == self.function_name

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, mode: str = "", **kwargs: object) -> Iterator[Token]:
        function = words if self.function_name == "words" else bigrams
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (text, start, end) in enumerate(function(value)):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def word_analyzer() -> _FunctionTokenizer:
    """Whoosh analyzer: jieba words."""
    return _FunctionTokenizer("words")


def bigram_analyzer() -> _FunctionTokenizer:
    """Whoosh analyzer: Han character bigrams."""
    return _FunctionTokenizer("bigrams")
