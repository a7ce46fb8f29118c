"""The Russian wordings of claims (regular expressions), read by nlp.claims.

Each pattern names the asserted clause ``claim`` and, where the wording gives one, the claimant ``who``.
"""

from __future__ import annotations

import re

_CLAUSE = r"(?P<claim>[^.!?»]+)"
_VERB_SAY = (r"(?:считает|считаю|считаем|уверен[аы]?|утверждает|утверждаю|полагает|полагаю|заявил[аи]?|"
             r"говорит|подчеркнул[аи]?|отметил[аи]?|настаивает|сказал[аи]?|признал[аи]?|убежден[аы]?|"
             r"убеждён[аы]?)")
# «по мнению властей ...», «по данным правозащитников, ...»: the source noun follows the marker; a source
# named in quotation marks is taken whole («по данным правозащитного центра «Адилет», ...»).
OPINION = re.compile(r"(?i:по\s+(?:мнению|словам|версии|утверждению|заявлению|данным|информации|сведениям|"
                     r"оценкам|подсч[её]там))\s+(?P<who>(?:[\w-]+\s+){0,3}«[^»\n]{1,60}»|"
                     r"[А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+)?|[а-яё\w-]+)\s*,?\s*"
                     + _CLAUSE)
# Adjectives that make «по разным оценкам» a hedge, not a source.
VAGUE_SOURCES = {"разным", "различным", "некоторым", "другим", "иным", "предварительным", "неофициальным"}
SAYS_AFTER = re.compile(r"(?P<claim>[^.!?«»:]{12,}?),\s*(?:[–—-]\s*)?" + _VERB_SAY
                        + r"\s+(?P<who>[^.!?:\n]+)", re.IGNORECASE)
SAYS_THAT = re.compile(r"(?<![\w-])(?P<who>[А-ЯЁ][^.!?,:«»\n]{0,60}?)\s+" + _VERB_SAY + r",?\s+что\s+" + _CLAUSE,
                       re.IGNORECASE)
# «Женщина рассказала, как военные ...»: a retelling.
TOLD_HOW = re.compile(r"(?<![\w-])(?P<who>[А-ЯЁ][^.!?,:«»\n]{0,40}?)\s+рассказал[аи]?,\s+(?:как|что)\s+" + _CLAUSE)
# «власти впервые заявили о возможном применении силы»
SAID_ABOUT = re.compile(r"(?<![\w-])(?P<who>[А-ЯЁа-яё][\w-]*(?:\s+[А-ЯЁа-яё][\w-]*)?)\s+"
                        r"(?:впервые\s+|официально\s+|также\s+|наконец\s+)?(?:заявил[аи]?|признал[аи]?)\s+"
                        r"об?\s+(?!этом|том\b)" + _CLAUSE)
# «свидетельства очевидцев о том, что ...», «нужно говорить о том, что ...»
ABOUT_THAT = re.compile(r"(?:свидетельств\w*(?:\s+(?P<who>[а-яё]+))?|говорить|говорил[аи]?|заявлять|заявлял[аи]?|"
                        r"сообщать|писать)\s+о\s+том,\s+что\s+" + _CLAUSE, re.IGNORECASE)
# «известно, что ...» (not «неизвестно», not «ничего не известно»)
KNOWN = re.compile(r"(?<![\w-])(?<!не\s)известно,\s+что\s+" + _CLAUSE, re.IGNORECASE)
# «нет оснований говорить, что ...»: the whole negative assessment is the claim.
NO_GROUNDS = re.compile(r"(?P<claim>нет\s+(?:никаких\s+)?оснований\s+(?:говорить|считать|полагать|утверждать|"
                        r"предполагать),\s+что\s+[^.!?»]+)", re.IGNORECASE)
# «таких случаев полным-полно», «это не единичный случай»: one incident said to be many.
MANY_CASES = re.compile(r"(?:таких|подобных)\s+случаев\s+(?:полным-полно|полно|много|немало|масса|множество|"
                        r"десятки|сотни|тысячи)|не\s+единичн\w+\s+случа\w+", re.IGNORECASE)
# «версия про так называемых иностранных боевиков» in a denial: the disputed version itself.
VERSION = re.compile(r"верси[яюие]\s+(?:про|о|об)\s+(?P<claim>[^,.!?»]+)", re.IGNORECASE)
DENIAL = re.compile(r"не\s+нашл[аио]\s+подтверждени|не\s+подтвердил|не\s+предъявил[аи]?\s+(?:никаких\s+)?"
                    r"доказательств|нет\s+(?:никаких\s+)?доказательств|ни\s+одного\s+доказательства|опроверг|"
                    r"отрицает|не\s+соответствует\s+действительности|так\s+называем|ложь", re.IGNORECASE)
# SAYS_AFTER and SAYS_THAT need one of these verbs; a sentence without them is not searched (they are slow).
SAYING = re.compile(r"считае|считаю|уверен|утвержда|полага|заявил|говорит|подчеркнул|отметил|настаивает|сказал|"
                    r"признал|убежд", re.IGNORECASE)
OTHER_OPINION = re.compile(r"(?:у\s+(?P<who>[^.!?]+?)\s+)?другое\s+мнение", re.IGNORECASE)
# A quote introduced as an opinion: «Евгений уверен: «...»», ««...», – утверждает Токаев».
OPINION_BEFORE_QUOTE = re.compile(r"(?:уверен[аы]?|убежд[её]н[аы]?|считает|полагает|утверждает|настаивает)\s*:"
                                  r"\s*[«\"„“]?\s*$", re.IGNORECASE)
OPINION_AFTER_QUOTE = re.compile(r"^[»\"“”]?\s*,?\s*[–—-]\s*(?:утверждает|уверяет|настаивает|считает|уверен[аы]?|"
                                 r"убежд[её]н[аы]?|полагает)\b", re.IGNORECASE)
# A «who» that starts with one of these is no claimant («по данным за 2013 год», «потому что считает, что»).
NOT_CLAIMANTS = {"за", "на", "в", "во", "с", "со", "и", "а", "но", "что", "потому", "который", "которая",
                 "которые", "которого", "так", "как", "это", "о", "об", "по", "к", "от", "до", "из", "для", "при",
                 "если", "когда", "чтобы", "также", "ранее", "однако", "тоже"}
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?!\w)|тысяч|сотн|десят[^и]|миллион|процент", re.IGNORECASE)
FIRST_PERSON = {"я", "мы"}
# A bare noun standing for the last speaker: «Женщина рассказала, как ...».
ANAPHORS = {"женщина", "мужчина", "она", "он", "они", "девушка", "собеседник", "собеседница", "активист",
            "активистка", "правозащитник", "правозащитница", "эксперт"}
