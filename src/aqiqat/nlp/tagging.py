"""Natasha's NER, morphology and syntax models run over one document with the work shared and nothing repeated.

Natasha's own calls tokenise the text again for NER, encode every word three times, run morphology and syntax
on padded batches of eight sentences, decode the NER's CRF with a slow Viterbi and analyse every sentence.
Here the segmenter's tokens are encoded once (word and shape ids are the same vocabularies in all three
models, and the word embedding is the same navec table), the sentences asked for are laid end to end with one
padding position between them (the CNN encoders zero padding positions after every layer, and the padding
embeddings are zero, so each sentence is encoded exactly as it would be alone), and the NER's CRF is decoded by
a lean Viterbi with the same tie-breaking. Token and span attributes are set exactly as Natasha's ``Doc``
methods set them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from natasha import Doc, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser
from natasha.doc import DocSpan
from slovnet.bio import bio_spans
from slovnet.conll import parse_conll_tag
from slovnet.shape import word_shape

_SYNTAX_BATCH = 16
# The syntax head scores every pair of tokens of a sentence: a "sentence" of 20,000 tokens (a list without
# full stops) would need gigabytes. Longer sentences are parsed in pieces of this many tokens.
MAX_PARSE_TOKENS = 200


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best tag path of one sequence (seq x tags), as slovnet's CRF.decode finds it (same sums in the same
    order, first maximum wins), with fewer numpy calls per step."""
    n, k = emissions.shape
    if n == 0:
        return []
    score = emissions[0].copy()
    history = np.zeros((n, k), dtype=np.intp)
    cand = np.empty((k, k), dtype=emissions.dtype)
    cols = np.arange(k)
    for index in range(1, n):
        np.add(score[:, None], transitions, out=cand)
        cand += emissions[index]
        best = cand.argmax(0)
        history[index] = best
        score = cand[best, cols]
    tag = int(score.argmax())
    path = [tag]
    for index in range(n - 1, 0, -1):
        tag = int(history[index, tag])
        path.append(tag)
    path.reverse()
    return path


class Encoder:
    """A slovnet CNN encoder (conv 3 → ReLU → batch norm, three layers) over one sequence laid out as
    (tokens, channels): the convolution as three shifted matrix products instead of slovnet's copied windows,
    the batch norm folded into one scale and shift. Same results as slovnet's to float rounding (≈1e-5)."""

    def __init__(self, encoder: Any) -> None:
        self.layers = []
        for layer in encoder.layers:
            weight = layer.conv.weight.array  # filters x in x kernel
            if weight.shape[2] != 3 or layer.conv.padding != 1:
                raise ValueError("only kernel 3 with padding 1 is supported")
            shifts = [np.ascontiguousarray(weight[:, :, k].T) for k in range(3)]
            norm = layer.norm
            scale = (norm.weight.array / norm.std.array).astype(np.float32)
            shift = (norm.bias.array - norm.mean.array * scale).astype(np.float32)
            self.layers.append((shifts, layer.conv.bias.array, scale, shift))

    def __call__(self, x: np.ndarray, pad: np.ndarray) -> np.ndarray:
        """``x``: tokens x channels; ``pad``: True at padding positions, which are zero after every layer."""
        for (before, here, after), bias, scale, shift in self.layers:
            y = x @ here
            if len(x) > 1:
                y[1:] += x[:-1] @ before
                y[:-1] += x[1:] @ after
            y += bias
            np.maximum(y, 0, out=y)
            y *= scale
            y += shift
            y[pad] = 0
            x = y
        return x


@dataclass(frozen=True)
class Encoded:
    """A document's tokens encoded once: ids and word embeddings, one row per token plus a padding row last."""

    word_id: np.ndarray
    shape_id: np.ndarray
    word_emb: np.ndarray
    row: dict[int, int]  # id() of a doc token -> its row


class _Token:
    __slots__ = ("start", "stop", "text")

    def __init__(self, start: int, stop: int, text: str) -> None:
        self.start, self.stop, self.text = start, stop, text


class Tagger:
    """The three Natasha models, called on a segmented ``natasha.Doc``."""

    def __init__(self, ner: NewsNERTagger, morph: NewsMorphTagger, syntax: NewsSyntaxParser) -> None:
        self.ner_model = ner.infer.model
        self.morph_model = morph.infer.model
        self.syntax_model = syntax.infer.model
        encoder = ner.infer.encoder
        for other in (morph.infer.encoder, syntax.infer.encoder):
            if other.words_vocab.items != encoder.words_vocab.items or \
                    other.shapes_vocab.items != encoder.shapes_vocab.items:
                raise ValueError("the Natasha models do not share one vocabulary")
        word = self.ner_model.emb.word
        for model in (self.morph_model, self.syntax_model):
            other = model.emb.word
            if other.indexes.array is not word.indexes.array and not (
                    np.array_equal(other.indexes.array, word.indexes.array) and
                    np.array_equal(other.codes.array, word.codes.array)):
                raise ValueError("the Natasha models do not share one word embedding")
        self.words_vocab, self.shapes_vocab = encoder.words_vocab, encoder.shapes_vocab
        self.word_pad, self.shape_pad = self.words_vocab.pad_id, self.shapes_vocab.pad_id
        self.ner_tags = ner.infer.decoder.tags_vocab
        self.morph_tags = [parse_conll_tag(tag) for tag in morph.infer.decoder.tags_vocab.items]
        self.rels = syntax.infer.decoder.rels_vocab.items
        self.ids = lru_cache(maxsize=200_000)(self._ids)
        self.encoders = {id(m): Encoder(m.encoder) for m in (self.ner_model, self.morph_model, self.syntax_model)}

    def _ids(self, word: str) -> tuple[int, int]:
        return self.words_vocab.encode(word.lower()), self.shapes_vocab.encode(word_shape(word))

    def encode(self, doc: Doc) -> Encoded:
        """Word ids, shape ids and word embeddings of the document's tokens, for NER and analysis alike."""
        pairs = [self.ids(t.text) for t in doc.tokens]
        pairs.append((self.word_pad, self.shape_pad))  # the padding row, last
        word_id = np.array([p[0] for p in pairs], dtype=np.int64)
        shape_id = np.array([p[1] for p in pairs], dtype=np.int64)
        word_emb = self.ner_model.emb.word(word_id)
        return Encoded(word_id, shape_id, word_emb, {id(t): i for i, t in enumerate(doc.tokens)})

    def _features(self, model: Any, word_emb: np.ndarray, shape_id: np.ndarray, pad_mask: np.ndarray) -> Any:
        """The encoder's output, tokens x channels, for one sequence."""
        x = np.concatenate((word_emb, model.emb.shape(shape_id)), axis=-1)
        return self.encoders[id(model)](x, pad_mask)

    def tag_ner(self, doc: Doc, encoded: Encoded | None = None) -> Encoded:
        """``doc.spans`` as ``doc.tag_ner(NewsNERTagger)`` sets them: one sequence of all the document's tokens.
        Returns the encoded tokens for ``analyse``."""
        encoded = encoded or self.encode(doc)
        tokens = doc.tokens
        if not doc.text.strip() or not tokens:
            doc.spans = []
            return encoded
        word_id, shape_id = encoded.word_id[:-1], encoded.shape_id[:-1]
        x = self._features(self.ner_model, encoded.word_emb[:-1], shape_id, word_id == self.word_pad)
        emissions = self.ner_model.head(x)
        path = viterbi(emissions, self.ner_model.head.crf.transitions.array)
        tags = [self.ner_tags.decode(i) for i in path]
        spans = bio_spans([_Token(t.start, t.stop, t.text) for t in tokens], tags)
        doc.spans = [DocSpan(s.start, s.stop, s.type, doc.text[s.start:s.stop]) for s in spans]
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()
        return encoded

    def analyse(self, doc: Doc, morph: Sequence[int], syntax: Sequence[int], encoded: Encoded | None = None) -> None:
        """Morphology (pos, feats) of the sentences numbered in ``morph`` and the syntax (id, head_id, rel) of
        those in ``syntax`` (indexes into ``doc.sents``); other tokens keep None."""
        chosen = sorted(set(morph) | set(syntax))
        if not chosen:
            return
        encoded = encoded or self.encode(doc)
        pad_row = len(encoded.word_id) - 1
        rows: list[int] = []
        where: list[tuple[int, int]] = []  # (offset in the sequence, length) per chosen sentence
        for k in chosen:
            if rows:
                rows.append(pad_row)  # one padding position between sentences
            tokens = doc.sents[k].tokens
            where.append((len(rows), len(tokens)))
            rows.extend(encoded.row[id(t)] for t in tokens)
        index = np.array(rows, dtype=np.intp)
        word_id, shape_id, word_emb = encoded.word_id[index], encoded.shape_id[index], encoded.word_emb[index]
        pad_mask = word_id == self.word_pad
        morph_set, syntax_set = set(morph), set(syntax)
        if morph_set:
            x = self._features(self.morph_model, word_emb, shape_id, pad_mask)
            tag_ids = self.morph_model.head(x).argmax(-1)
            for k, (offset, n) in zip(chosen, where, strict=True):
                if k in morph_set:
                    for tok, tag in zip(doc.sents[k].tokens, tag_ids[offset:offset + n].tolist(), strict=True):
                        pos, feats = self.morph_tags[tag]
                        tok.pos, tok.feats = pos, dict(feats)
        if syntax_set:
            x = self._features(self.syntax_model, word_emb, shape_id, pad_mask)
            parts = [(k, piece, x[offset + piece:offset + min(n, piece + MAX_PARSE_TOKENS)])
                     for k, (offset, n) in zip(chosen, where, strict=True) if k in syntax_set
                     for piece in range(0, n, MAX_PARSE_TOKENS)]
            parts.sort(key=lambda p: p[2].shape[0])
            for i in range(0, len(parts), _SYNTAX_BATCH):
                self._parse(doc, parts[i:i + _SYNTAX_BATCH])

    def _parse(self, doc: Doc, parts: list[tuple[int, int, np.ndarray]]) -> None:
        """Parse pieces of sentences: (sentence index, offset of the piece in it, its token encodings)."""
        size = max(p.shape[0] for _, _, p in parts)
        dim = parts[0][2].shape[1]
        batch = np.zeros((len(parts), size, dim), dtype=parts[0][2].dtype)
        pad_mask = np.ones((len(parts), size), dtype=bool)
        for b, (_, _, part) in enumerate(parts):
            batch[b, :part.shape[0]] = part
            pad_mask[b, :part.shape[0]] = False
        model = self.syntax_model
        mask = ~pad_mask
        head_scores = model.head(batch)
        head_id = model.head.decode(head_scores, mask)
        rel_id = model.rel.decode(model.rel(batch, head_id), mask)
        for b, (k, offset, part) in enumerate(parts):
            sent_id = k + 1
            heads, rels = head_id[b].tolist(), rel_id[b].tolist()
            tokens = doc.sents[k].tokens[offset:offset + part.shape[0]]
            for j, tok in enumerate(tokens):
                tok.id = f"{sent_id}_{offset + j + 1}"
                tok.head_id = f"{sent_id}_{offset + heads[j] if heads[j] else 0}"
                tok.rel = self.rels[rels[j]]
