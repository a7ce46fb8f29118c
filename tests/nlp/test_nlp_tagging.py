"""The shared-work tagger gives what Natasha's own Doc methods give, and it stays bounded on long sentences."""

from __future__ import annotations

import numpy as np
from natasha import Doc

from aqiqat.nlp.models import Models
from aqiqat.nlp.tagging import MAX_PARSE_TOKENS, viterbi

TEXT = (
    "Вчера в Бишкеке полицейские задержали Айгерим Тлеубаеву и её брата. Их отвезли в районный отдел.\n\n"
    "«Мы ничего не нарушали», – сказала она журналистам агентства «Азаттык». Президент Садыр Жапаров "
    "пообещал разобраться. По данным правозащитников, в тот день в Оше и Джалал-Абаде задержали ещё 40 человек, "
    "а министерство внутренних дел заявило, что все они отпущены."
)


def _natasha(models: Models, text: str) -> Doc:
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_morph(models.morph_tagger)
    doc.parse_syntax(models.syntax_parser)
    doc.tag_ner(models.ner_tagger)
    return doc


def test_same_tokens_tags_heads_and_spans_as_natasha(nlp_models: Models) -> None:
    ours, theirs = nlp_models.analyse(TEXT), _natasha(nlp_models, TEXT)
    assert [(s.start, s.stop) for s in ours.sents] == [(s.start, s.stop) for s in theirs.sents]
    assert [(t.start, t.stop, t.pos, t.feats, t.id, t.head_id, t.rel) for t in ours.tokens] == \
        [(t.start, t.stop, t.pos, t.feats, t.id, t.head_id, t.rel) for t in theirs.tokens]
    assert [(s.start, s.stop, s.type, s.text) for s in ours.spans] == \
        [(s.start, s.stop, s.type, s.text) for s in theirs.spans]
    assert {s.type for s in ours.spans} == {"PER", "LOC", "ORG"}


def test_only_the_sentences_asked_for_are_analysed(nlp_models: Models) -> None:
    doc = nlp_models.segment(TEXT)
    nlp_models.tagger.tag_ner(doc)
    nlp_models.tagger.analyse(doc, [0, 3], [3])
    full = nlp_models.analyse(TEXT)
    for k, (sent, ref) in enumerate(zip(doc.sents, full.sents, strict=True)):
        got = [(t.pos, t.feats) for t in sent.tokens]
        assert got == ([(t.pos, t.feats) for t in ref.tokens] if k in (0, 3) else [(None, None)] * len(got))
        heads = [(t.id, t.head_id, t.rel) for t in sent.tokens]
        assert heads == ([(t.id, t.head_id, t.rel) for t in ref.tokens] if k == 3 else [(None, None, None)] * len(got))


def test_viterbi_matches_slovnets_crf(nlp_models: Models) -> None:
    crf = nlp_models.ner_tagger.infer.model.head.crf
    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 60):
        emissions = rng.normal(size=(n, crf.transitions.array.shape[0])).astype(np.float32)
        [expected] = crf.decode(emissions[None], np.ones((1, n), dtype=bool))
        assert viterbi(emissions, crf.transitions.array) == expected.tolist()
    assert viterbi(np.zeros((0, 8), dtype=np.float32), crf.transitions.array) == []


def test_a_sentence_without_full_stops_is_parsed_in_pieces(nlp_models: Models) -> None:
    text = " ".join(f"Иванов{i} Петр Сергеевич, Алматы" for i in range(300))  # ~1,200 tokens, one sentence
    doc = nlp_models.analyse(text)
    [sent] = doc.sents
    assert len(sent.tokens) > 4 * MAX_PARSE_TOKENS
    ids = {t.id for t in sent.tokens}
    assert all(t.head_id in ids or t.head_id == "1_0" for t in sent.tokens)
    assert all(t.rel and t.pos for t in sent.tokens)
