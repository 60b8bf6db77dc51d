"""CoNLL exact-span scoring for BIO-tagged sequences (the measure Arabic NER papers report).

A predicted entity counts only when its type and both boundaries match a gold entity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

TYPES = ("PERS", "LOC", "ORG", "MISC")


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Half-open token spans ``(start, end, type)`` of a BIO sequence (a stray I- opens a span)."""
    spans = []
    start, kind = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if start >= 0:
                spans.append((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (-1, "")
    return spans


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2)}


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Micro and per-type precision / recall / F1 (percent) over parallel tag sequences."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = set(bio_spans(g_tags))
        p = set(bio_spans(p_tags))
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    kinds = [t for t in TYPES if tp[t] + fp[t] + fn[t]] + sorted(set(tp | fp | fn) - set(TYPES))
    return {
        "micro": _prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_type": {t: {**_prf(tp[t], fp[t], fn[t]), "support": tp[t] + fn[t]} for t in kinds},
    }


TYPE_MAP = {"PERS": "PERS", "PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def map_tag(tag: str) -> str:
    """Map a corpus tag onto the ANERcorp scheme (B-/I- + PERS, LOC, ORG, MISC; else O)."""
    tag = tag.strip()
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    kind = tag[2:].upper()
    if kind.startswith("MIS"):
        kind = "MISC"
    kind = TYPE_MAP.get(kind)
    return f"{tag[0]}-{kind}" if kind else "O"


def read_conll(path: Path, max_len: int = 0) -> list[tuple[list[str], list[str]]]:
    """Read a ``token TAG`` file into sentences (blank lines break sentences).

    Files without sentence breaks (ANERcorp full) are cut after sentence-final
    punctuation, and any sentence is cut at ``max_len`` tokens when given.
    """
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if toks:
            sents.append((toks[:], tags[:]))
            toks.clear()
            tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                flush()
                continue
            if len(parts) == 1:
                parts.append("O")
            tok, tag = parts[0], map_tag(parts[-1])
            if tag.startswith("I-") and (not tags or tags[-1][2:] != tag[2:]):
                tag = "B-" + tag[2:]
            toks.append(tok)
            tags.append(tag)
            if max_len and len(toks) >= max_len and tag == "O":
                flush()
    flush()
    return sents


def split_long(sents: list[tuple[list[str], list[str]]], max_len: int = 80) -> list[tuple[list[str], list[str]]]:
    """Cut sentences after a full stop when the corpus has none marked (keeps CRF contexts local)."""
    out = []
    for toks, tags in sents:
        start = 0
        for i, tok in enumerate(toks):
            if (tok in {".", "؟", "!", "?"} or (max_len and i - start >= max_len)) and tags[i] == "O":
                out.append((toks[start : i + 1], tags[start : i + 1]))
                start = i + 1
        if start < len(toks):
            out.append((toks[start:], tags[start:]))
    return out
