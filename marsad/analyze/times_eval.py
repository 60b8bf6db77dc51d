"""Evaluate the time-expression analyser on TimeML files, with dateparser as a baseline.

Scores (the usual TempEval-style measures):

* extent precision / recall / F1, **strict** (same start and end) and **relaxed** (any
  overlap; one-to-one);
* **value accuracy** on the expressions found: among system expressions that overlap
  a gold one, the share whose TIMEX3 value equals the gold value (also type accuracy).

The baseline is ``dateparser.search.search_dates`` (Arabic, same reference date).  It
returns a datetime without a granularity, so it is credited with a correct value when
that datetime falls inside the gold period (2015-12 accepts any day of December 2015)
— generous to the baseline; durations, sets and vague values (PAST_REF) it cannot give.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import InputError

# The arabic-timeml files carry no DCT element; their silver annotation was made with a
# single creation time for all 50 documents: every "اليوم" is 2015-12-24, every "أمس"
# 2015-12-23.  Used only when a file has no <DCT>/CREATION_TIME of its own.
CORPUS_DCT = "2015-12-24"

# Hand corrections of the silver annotation (see the file's header); applied when the
# evaluated folder is arabic-timeml and the file is there (a clone of the repository).
CORRECTIONS = Path(__file__).resolve().parents[2] / "benchmarks" / "gold" / "arabic_timeml_corrections.tsv"

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Span:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    text: str
    gold: list[Span]
    dct: str | None
    dct_source: str = "file"


def read_tml(path: Path) -> Doc:
    """Plain text and TIMEX3 spans of a TimeML file (the DCT TIMEX3 is not a text span)."""
    raw = path.read_text(encoding="utf-8")
    m = re.search(r"<TimeML[^>]*>(.*)</TimeML>", raw, re.S)
    if m is None:
        raise InputError(f"{path}: not a TimeML file (no <TimeML> element)")
    body = m.group(1)
    dct = None
    dct_match = re.search(r"<DCT>(.*?)</DCT>", body, re.S)
    if dct_match:
        value = _ATTR.findall(dct_match.group(1))
        dct = dict(value).get("value")
        body = body[: dct_match.start()] + body[dct_match.end() :]
    text_parts: list[str] = []
    length = 0
    gold: list[Span] = []
    open_attrs: dict[str, str] | None = None
    open_start = 0
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = _unescape(body[pos : tag.start()])
        text_parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_attrs = dict(_ATTR.findall(attrs))
            open_start = length
            if open_attrs.get("functionInDocument") == "CREATION_TIME":
                dct = dct or open_attrs.get("value")
        elif open_attrs is not None:
            if open_attrs.get("functionInDocument") != "CREATION_TIME":
                gold.append(Span(open_start, length, "", open_attrs.get("type", ""), open_attrs.get("value", "")))
            open_attrs = None
    text_parts.append(_unescape(body[pos:]))
    text = "".join(text_parts)
    for g in gold:
        g.text = text[g.start : g.end]
    return Doc(path.name, text, gold, dct)


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def read_corrections(path: Path) -> list[tuple[str, str, str, int, str, str]]:
    """(action, doc, text, nth, type, value) rows of a corrections TSV."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 4 or cells[0] not in ("fix", "delete"):
            raise InputError(f"{path}: bad corrections line {line!r}")
        cells += [""] * (6 - len(cells))
        rows.append((cells[0], cells[1], cells[2], int(cells[3]), cells[4], cells[5]))
    return rows


def apply_corrections(docs: list[Doc], rows) -> tuple[list[Doc], list[str]]:
    """Copies of ``docs`` with the corrections applied, and the rows that matched nothing."""
    by_name = {d.name: Doc(d.name, d.text, [Span(g.start, g.end, g.text, g.type, g.value) for g in d.gold], d.dct, d.dct_source) for d in docs}
    unmatched = []
    for action, name, text, nth, typ, value in rows:
        doc = by_name.get(name)
        same = [g for g in doc.gold if g.text == text] if doc else []
        if len(same) < nth:
            unmatched.append(f"{action} {name} {text!r} #{nth}")
            continue
        target = same[nth - 1]
        if action == "delete":
            doc.gold.remove(target)
        else:
            target.type, target.value = typ, value
    return [by_name[d.name] for d in docs], unmatched


def _match(gold: list[Span], pred: list[Span], strict: bool) -> list[tuple[Span, Span]]:
    """One-to-one pairs: exact offsets (strict) or largest overlap first (relaxed)."""
    if strict:
        by_span = {(g.start, g.end): g for g in gold}
        return [(by_span[(p.start, p.end)], p) for p in pred if (p.start, p.end) in by_span]
    options = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                options.append((-overlap, gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(options):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The calendar span of a DATE value (None for durations, sets, vague values)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = dt.date.fromisoformat(value)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:])
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return dt.date(y, m, 1), end
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + dt.timedelta(days=6)
    except ValueError:
        return None
    return None


@dataclass
class Score:
    name: str
    n_gold: int = 0
    n_pred: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    value_ok: int = 0
    type_ok: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)

    def add(self, doc: Doc, pred: list[Span], value_ok) -> None:
        self.n_gold += len(doc.gold)
        self.n_pred += len(pred)
        self.strict_tp += len(_match(doc.gold, pred, strict=True))
        pairs = _match(doc.gold, pred, strict=False)
        self.relaxed_tp += len(pairs)
        matched_gold = {id(g) for g, _ in pairs}
        matched_pred = {id(p) for _, p in pairs}
        for g, p in pairs:
            ok = value_ok(g, p)
            self.value_ok += ok
            self.type_ok += g.type == p.type
            if not ok:
                self.errors.append({"doc": doc.name, "kind": "value", "gold": g.text, "gold_value": g.value,
                                    "gold_type": g.type, "found": p.text, "value": p.value, "type": p.type})
        for g in doc.gold:
            if id(g) not in matched_gold:
                self.errors.append({"doc": doc.name, "kind": "missed", "gold": g.text, "gold_value": g.value,
                                    "gold_type": g.type})
        for p in pred:
            if id(p) not in matched_pred:
                self.errors.append({"doc": doc.name, "kind": "spurious", "found": p.text, "value": p.value,
                                    "type": p.type})

    def summary(self) -> dict:
        return {
            "gold": self.n_gold,
            "found": self.n_pred,
            "strict": _prf(self.strict_tp, self.n_pred, self.n_gold),
            "relaxed": _prf(self.relaxed_tp, self.n_pred, self.n_gold),
            "value_accuracy": round(100 * self.value_ok / self.relaxed_tp, 1) if self.relaxed_tp else 0.0,
            "type_accuracy": round(100 * self.type_ok / self.relaxed_tp, 1) if self.relaxed_tp else 0.0,
            "matched": self.relaxed_tp,
            "seconds": round(self.seconds, 3),
        }


def _marsad_spans(doc: Doc) -> list[Span]:
    from marsad.analyze.times import find_times

    return [Span(t.start, t.end, t.text, t.type, t.value) for t in find_times(doc.text, doc.dct)]


def _dateparser_spans(doc: Doc, search_dates) -> list[Span]:
    base = dt.datetime.fromisoformat(doc.dct) if doc.dct else dt.datetime.now()
    try:
        results = search_dates(doc.text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # the baseline failing on a document counts as finding nothing there
        return []
    spans, pos = [], 0
    for substring, when in results:
        start = doc.text.find(substring, pos)
        if start < 0:
            start = doc.text.find(substring)
            if start < 0:
                continue
        pos = start + len(substring)
        spans.append(Span(start, start + len(substring), substring, "DATE", when.date().isoformat()))
    return spans


def _baseline_value_ok(g: Span, p: Span) -> bool:
    period = _period(g.value)
    if period is None:
        return False
    d = dt.date.fromisoformat(p.value)
    return period[0] <= d <= period[1]


def evaluate(
    directory: Path, *, dct: str | None = None, baseline: bool = True, corrections: Path | None | bool = None
) -> dict:
    """Score marsad (and dateparser, when installed) on every ``*.tml`` file of ``directory``.

    ``corrections``: a corrections TSV to score against as well (``None``: the shipped
    one for arabic-timeml when present; ``False``: none).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    files = sorted(directory.glob("*.tml"))
    if not files:
        raise InputError(f"{directory}: no .tml files")
    docs = []
    for f in files:
        try:
            doc = read_tml(f)
        except UnicodeDecodeError as exc:
            raise InputError(f"{f}: not UTF-8 ({exc})") from exc
        if dct:
            doc.dct, doc.dct_source = dct, "option"
        elif doc.dct is None:
            doc.dct, doc.dct_source = CORPUS_DCT, "corpus default"
        docs.append(doc)

    if corrections is None and directory.name == "arabic-timeml" and CORRECTIONS.is_file():
        corrections = CORRECTIONS
    corrected_docs = None
    unmatched: list[str] = []
    if corrections:
        corrected_docs, unmatched = apply_corrections(docs, read_corrections(Path(corrections)))

    def value_equal(g: Span, p: Span) -> bool:
        return g.value == p.value

    ours, ours_c = Score("marsad"), Score("marsad")
    for i, doc in enumerate(docs):
        t0 = time.perf_counter()
        pred = _marsad_spans(doc)
        ours.seconds += time.perf_counter() - t0
        ours.add(doc, pred, value_equal)
        if corrected_docs:
            ours_c.add(corrected_docs[i], pred, value_equal)
    result: dict = {
        "documents": len(docs),
        "dct": sorted({f"{d.dct} ({d.dct_source})" for d in docs}),
        "marsad": ours.summary(),
        "marsad_errors": ours.errors,
    }
    if corrected_docs:
        result["corrections"] = {"file": str(corrections), "unmatched": unmatched}
        result["marsad_corrected"] = ours_c.summary()
        result["marsad_corrected_errors"] = ours_c.errors
    if baseline:
        try:
            from dateparser.search import search_dates
        except ImportError:
            result["dateparser"] = None
            result["dateparser_missing"] = "dateparser is not installed (pip install -e '.[dev]'): baseline skipped"
            return result
        theirs, theirs_c = Score("dateparser"), Score("dateparser")
        for i, doc in enumerate(docs):
            t0 = time.perf_counter()
            pred = _dateparser_spans(doc, search_dates)
            theirs.seconds += time.perf_counter() - t0
            theirs.add(doc, pred, _baseline_value_ok)
            if corrected_docs:
                theirs_c.add(corrected_docs[i], pred, _baseline_value_ok)
        result["dateparser"] = theirs.summary()
        if corrected_docs:
            result["dateparser_corrected"] = theirs_c.summary()
    return result
