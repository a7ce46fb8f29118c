"""Who claims a figure: ``по данным правозащитников``, ``по разным оценкам``, ``как сообщил X``, ``according to X``."""

from __future__ import annotations

import re

from aqiqat.nlp.figures_lexicon import parse_tag

_MARKERS = (
    re.compile(
        r"(?i)(?<![\w-])(?:по|согласно)\s+(?:[а-яё]+(?:ым|им|ой|ей)\s+){0,2}(?:данным|информации|словам|мнению|оценкам|"
        r"оценке|подсч[её]там|сведениям|версии|заявлению|утверждению|сообщению|статистике|источникам)(?![\w-])"
    ),
    re.compile(
        r"(?i)(?<![\w-])как\s+(?:[а-яё]+\s+)?(?:сообщил[аио]?|заявил[аио]?|сказал[аио]?|отметил[аио]?|"
        r"рассказал[аио]?|подсчитал[аио]?|сообщает|сообщают|пишет|пишут|переда[её]т|утверждает|утверждают|"
        r"считают|заявляют|подсчитали|выяснил[аио]?)(?![\w-])"
    ),
    re.compile(
        r"(?i)(?<=,)\s*(?:сообщил[аио]?|заявил[аио]?|сообщает|сообщают|утверждает|утверждают|подсчитал[аио]?|"
        r"сказал[аио]?|отметил[аио]?|said|says|reported|reports|claimed|claims|estimated|estimates)(?![\w-])"
    ),
    re.compile(r"(?i)(?<![\w-])according\s+to(?![\w-])"),
    re.compile(  # "By the latest official death tolls, …": the count a figure is read from
        r"(?i)(?<![\w-])by\s+(?:the|its|their)\s+(?:[a-z-]+\s+){0,3}?(?:counts?|tolls?|tally|tallies|figures|"
        r"estimates?|data|numbers|statistics)(?![\w-])"
    ),
    re.compile(r"(?i)(?<![\w-])(?:by|in)\s+(?:some|various|different|other|official|independent)\s+estimates?(?![\w-])"),
)
_CONTRAST = re.compile(
    r"(?i)[,;]\s*(?:although|though|but|while|whereas|yet|хотя|но|однако|а|тогда\s+как|в\s+то\s+время\s+как)\s"
)
_WORD = re.compile(r"\s*(«[^«»\n]{1,80}»|\"[^\"\n]{1,80}\"|[^\W\d_]+(?:-[^\W\d_]+)*|\d+)")
_RU_NP_POS = {"NOUN", "ADJF", "PRTF", "NUMR", ""}
_RU_LINKS = {"в", "из", "при", "и", "на"}
_EN_STOP = frozenset(
    "were was is are be been have has had said says say died killed that who which there than as while when "
    "and but or because after before".split()
)
_MAX_WORDS = 6


def find_claimant(text: str, sent_start: int, sent_end: int, fig_start: int, fig_end: int) -> tuple[int, int] | None:
    """The span of the attribution phrase nearest to the figure inside its sentence, or None."""
    best: tuple[int, int, int] | None = None
    for rx in _MARKERS:
        for m in rx.finditer(text, sent_start, sent_end):
            if fig_start <= m.start() < fig_end:
                continue
            end = _noun_phrase_end(text, m.end(), sent_end)
            start = m.start()
            while start < end and text[start].isspace():
                start += 1
            if start < fig_end and end > fig_start:
                end = min(end, fig_start)  # the phrase never runs into the figure itself
                if end <= start:
                    continue
            if _CONTRAST.search(text, min(end, fig_start), max(start, fig_end)):
                continue  # "By X, 62 were killed, although Y believes that 200 …": another clause's claimant
            dist = fig_start - end if end <= fig_start else start - fig_end
            if best is None or dist < best[0]:
                best = (dist, start, end)
    if best is None:
        return None
    return best[1], best[2]


def _noun_phrase_end(text: str, pos: int, limit: int) -> int:
    """Extend from ``pos`` over the noun phrase that names the claimant (at most six words)."""
    end = pos
    words = 0
    while words < _MAX_WORDS:
        m = _WORD.match(text, end, limit)
        if not m:
            break
        w = m.group(1)
        low = w.lower()
        if w[0] in "«\"":
            end, words = m.end(), words + 1
            continue
        if low in _RU_LINKS and words > 0:  # "пресс-служба МВД и КНБ", "представитель партии в регионе"
            nxt = _WORD.match(text, m.end(), limit)
            if not nxt or not _np_word(nxt.group(1)):
                break
            end, words = nxt.end(), words + 1
            continue
        if low in ("в", "на", "из") and words == 0:
            nxt = _WORD.match(text, m.end(), limit)
            if nxt and _np_word(nxt.group(1)):
                end, words = nxt.end(), words + 1
                continue
            break
        if not _np_word(w):
            break
        end, words = m.end(), words + 1
    return end


def _np_word(w: str) -> bool:
    if w[0] in "«\"":
        return True
    if w.isdigit():
        return False
    if re.fullmatch(r"[A-Za-z'-]+", w):
        return w.lower() not in _EN_STOP
    if w.isupper() and len(w) > 1:
        return True  # acronyms: МВД, КНБ, ООН
    pos, _, _ = parse_tag(w.lower())
    return pos in _RU_NP_POS
noun_phrase_end = _noun_phrase_end
