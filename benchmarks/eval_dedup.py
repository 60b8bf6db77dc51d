"""Near-duplicate and story evaluation on SaudiNewsNet against hand-labelled pairs.

    .venv/bin/python benchmarks/eval_dedup.py --db ARCHIVE            # evaluate
    .venv/bin/python benchmarks/eval_dedup.py --db ARCHIVE --sample N # candidate pairs to label (stdout)
    .venv/bin/python benchmarks/eval_dedup.py --db ARCHIVE --links REV [--read N --seed S] [--lost]
                          # the archive's near-duplicate links by this tree's rule vs REV's

The archive is SaudiNewsNet ingested by ``marsad ingest`` (e.g. by benchmarks/bench_ingest.py).
Gold: ``benchmarks/gold/dedup_pairs.jsonl``, one pair per line, keyed by the two article URLs
(no article text in the repository)::

    {"url_a": ..., "url_b": ..., "stratum": "j80", "near_duplicate": true, "same_story": true}

Pairs were sampled stratified by similarity (estimated word-shingle Jaccard for the top
strata, story similarity for the lower ones) and labelled by reading both articles:
*near-duplicate* = one is a copy of the other with edits (headline, dateline, reworded
sentences, a paragraph cut or added); *same story* = both report the same specific event.
61 pairs (every pair with 3-shingle Jaccard 0.2–0.5, and the five below 0.2 whose shorter
article is 60 % covered by 8-term runs of the longer) were read again in full, without their
scores or first label, and carry a second label ``near_duplicate_reread`` (see
docs/benchmarks.md); both label sets are scored.

Near-duplicates are scored pairwise with the ingest rule: same normalised text, or the two
signatures share an LSH band (``dedup.candidates_collide``) and ``dedup.verify`` accepts the
term sequences; with sweeps of the containment threshold, and on two fixed halves of the
pairs (by a hash of the URL pair) so a threshold picked on one half can be checked on the
other.  Stories are scored with the archive's actual clustering (same story id).

``near_duplicate_corrected`` (third session of the near-duplicate work, four pairs) fixes
labels that a third reading found clearly wrong by the written criterion; each carries its
reason in ``correction``.  The corrected set is the re-read labels with those four changed.

``--audit-links`` checks the archive's stored links instead: each linked article against the
article its link names, with this tree's ``dedup.verify`` and both articles' stored facts; it
prints how many links name an article verify refuses (0 for an archive ingested since
``dedup.link_target``; 444 of 6,263 for the 15 days ingested at f5ae337).

``near_duplicate_full`` (fourth session, after the label audit of
``benchmarks/audit_dedup_labels.py``): every pair of strata s45 and s60 whose label was "no"
(the corrected label, else the re-read, else the first; 47 pairs) was read in full, blind (the
two texts only, no label, score or decision), by the guideline above; each carries its verdict
and a one-line reason in ``full_reading`` (pairs read as unclear keep "no" and say so).  The
full set is ``near_duplicate_full`` where present, else the corrected label, else the re-read,
else the first; all four label sets are scored.  In the fifth session every pair of strata s15
and s30 (54, all labelled "no") was read in full the same way
(``benchmarks/audit_dedup_labels.py --strata s15,s30``); all 54 read "no", so the full set is
unchanged, and every "no" pair of the story strata has now been read in full.

The pairs are stratified by similarity, so their precision over-weights the easy strata.
``--links REV`` therefore measures a rule change on the archive itself: it replays the
ingest's linking (each article, in archive order, against the earlier articles sharing an
LSH band, the most similar by signature first, at most ``dedup.MAX_VERIFIED``; the first
that ``verify`` accepts, or its own link if verify accepts that one too,
``dedup.link_target``; for a revision before it, the first that ``verify`` accepts links it
to its family's first article) once with this tree's
``dedup`` (bands and ``verify``) and once with ``marsad/corpus/dedup.py`` of git revision
REV, prints how many articles each links and how many verifications each made, and with ``--read N`` prints N links, drawn at random (``--seed``),
that only this tree makes (``--lost``: only REV), with both articles' heads, to read;
``--containment`` runs this tree's rule at another containment threshold (with REV = HEAD
it isolates what that threshold alone adds).

Since the fifth session ``dedup.verify`` also takes each article's facts (``dedup.Facts``:
entities, outlet, date) for its reworded route.  ``evaluate`` gives the labelled pairs their
articles' facts (``facts_of``) and also scores the rule without the route and the route's
coverage floor as a sweep; ``--links`` gives every article the facts the writer reads for a
stored one (``_stored_facts``), to this tree's rule and to a revision's that has the route,
and ``--reworded T`` sets this tree's coverage floor (2 switches the route off).  Since the
nineteenth session a pair below the floor may still take the route with its words in place
(``dedup.local_coverage``), so the floor's sweep moves only the vocabulary test's pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "benchmarks" / "gold" / "dedup_pairs.jsonl"


def _prf(pairs: list[tuple[bool, bool]]) -> dict:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if not p and g)
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 3), "recall": round(rec, 3)}


def _load(store, url: str):
    sid = store.find_url(url)
    if sid is None:
        return None
    return sid, store.get_article(sid), store.get_summary(sid)


def _half(g: dict) -> int:
    return int(hashlib.sha1((g["url_a"] + " " + g["url_b"]).encode("utf-8")).hexdigest(), 16) % 2


def _reread(g: dict) -> bool:
    return g.get("near_duplicate_reread", g["near_duplicate"])


def _corrected(g: dict) -> bool:
    return g.get("near_duplicate_corrected", _reread(g))


def _full(g: dict) -> bool:
    return g.get("near_duplicate_full", _corrected(g))


def facts_of(article):
    """An article's ``dedup.Facts`` as the writer gives a new article's (entities keyed as
    ``SQLiteStore`` stores them: ``key or canonical or text``)."""
    from marsad.corpus import dedup

    return dedup.Facts.of(article)


def _rare_name_candidates(store, a, b) -> bool:
    """Whether the store's second candidate source proposes the pair (``_load`` results): they
    share a person, place or organisation named in at most ``dedup.ENTITY_CANDIDATE_ARTICLES``
    articles stored before the later of the two (as at its ingest), and
    ``dedup.entity_candidate_pair`` holds."""
    from marsad.corpus import dedup
    from marsad.store.sqlite import _day

    def described(x):
        return len(x[1].text), _day(x[1].published.value if x[1].published else None), x[1].source.site

    if not dedup.entity_candidate_pair(described(a), described(b)):
        return False
    later = max(store._rowid(a[0]), store._rowid(b[0]))
    keys = ({e.archive_key for e in a[1].entities if e.type in dedup.NAMED_TYPES}
            & {e.archive_key for e in b[1].entities if e.type in dedup.NAMED_TYPES})
    return any(store._q("SELECT count(*) FROM entities WHERE key = ? AND article_id < ?", (key, later))[0][0]
               <= dedup.ENTITY_CANDIDATE_ARTICLES for key in keys)


def evaluate(db: str) -> dict:
    from marsad.corpus import dedup, stories
    from marsad.store import open_store

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    sims = []
    with open_store(db, readonly=True) as store:
        sim = stories.Similarity(store)
        sim.load(None)
        for g in gold:
            a, b = _load(store, g["url_a"]), _load(store, g["url_b"])
            if a is None or b is None:
                continue
            same_text = a[0] == b[0]
            wa, wb = dedup.shingle_words(a[1].text), dedup.shingle_words(b[1].text)
            sa, sb = dedup.signature_of_words(wa), dedup.signature_of_words(wb)
            bands = bool(sa and sb and dedup.candidates_collide(sa, sb))
            names = not bands and _rare_name_candidates(store, a, b)
            feats = {"st": same_text, "collide": bands or names, "by_names": names,
                     "wa": wa, "wb": wb, "fa": facts_of(a[1]), "fb": facts_of(b[1])}
            same_story = same_text or (a[2].story_id is not None and a[2].story_id == b[2].story_id)
            rows.append((g, feats, same_story))
            sims.append(1.0 if same_text else sim(store.story_input(a[0]), store.story_input(b[0])))

    def pred(f: dict, c_min: float = dedup.CONTAINMENT, reworded: float = dedup.REWORDED_COVERAGE) -> bool:
        """The ingest rule: LSH candidates, then dedup.verify with both articles' facts
        (containment and the reworded route's coverage as parameters)."""
        return f["st"] or (f["collide"] and dedup.verify(f["wa"], f["wb"], containment=c_min, facts_a=f["fa"],
                                                         facts_b=f["fb"], reworded=reworded))

    out = {"pairs_labelled": len(gold), "pairs_found_in_archive": len(rows)}
    out["candidates_by_rare_names_only"] = sum(1 for _, f, _ in rows if f["by_names"])
    out["gold_near_duplicates"] = sum(1 for g, *_ in rows if g["near_duplicate"])
    out["gold_near_duplicates_reread"] = sum(1 for g, *_ in rows if _reread(g))
    out["pairs_reread"] = sum(1 for g, *_ in rows if "near_duplicate_reread" in g)
    out["gold_same_story"] = sum(1 for g, *_ in rows if g["same_story"])
    rule = {"jaccard": dedup.THRESHOLD, "containment": dedup.CONTAINMENT, "span": dedup.SPAN,
            "lsh_candidate_threshold": dedup.CANDIDATE_THRESHOLD}
    out["pairs_corrected"] = sum(1 for g, *_ in rows if "near_duplicate_corrected" in g)
    out["gold_near_duplicates_corrected"] = sum(1 for g, *_ in rows if _corrected(g))
    out["pairs_read_in_full"] = sum(1 for g, *_ in rows if "near_duplicate_full" in g)
    out["gold_near_duplicates_full"] = sum(1 for g, *_ in rows if _full(g))
    labelings = (("first_labels", lambda g: g["near_duplicate"]), ("reread_labels", _reread), ("corrected_labels", _corrected),
                 ("full_labels", _full))
    for name, label in labelings:
        res = {"all": _prf([(pred(f), label(g)) for g, f, _ in rows])}
        for h in (0, 1):
            res[f"half_{h}"] = _prf([(pred(f), label(g)) for g, f, _ in rows if _half(g) == h])
        res["jaccard_only_as_before"] = _prf([(pred(f, c_min=2.0, reworded=2.0), label(g)) for g, f, _ in rows])
        res["without_reworded_route"] = _prf([(pred(f, reworded=2.0), label(g)) for g, f, _ in rows])
        res["reworded_sweep"] = {
            f"{t:.2f}": [_prf([(pred(f, reworded=t), label(g)) for g, f, _ in rows if _half(g) == h]) for h in (0, 1)]
            for t in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
        }
        res["containment_sweep"] = {
            f"{t:.2f}": [_prf([(pred(f, c_min=t), label(g)) for g, f, _ in rows if _half(g) == h]) for h in (0, 1)]
            for t in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)
        }
        out[f"near_duplicates_{name}"] = rule | res
    # pairs verification accepts, and how many of them LSH proposes as candidates
    accepted = [f for _, f, _ in rows if not f["st"] and pred(f | {"collide": True})]
    out["lsh_candidates_of_accepted_pairs"] = f"{sum(f['collide'] for f in accepted)} of {len(accepted)}"
    out["stories"] = {"threshold": stories.THRESHOLD, "window_days": stories.WINDOW_DAYS} | _prf(
        [(ss, g["same_story"]) for g, _, ss in rows]
    )
    # pairwise story similarity (what clustering thresholds), independent of clustering order
    out["story_similarity_sweep"] = {
        f"{t:.2f}": _prf([(s >= t, g["same_story"]) for (g, *_), s in zip(rows, sims)])
        for t in (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
    }
    strata: dict[str, list] = {}
    for g, f, ss in rows:
        strata.setdefault(g.get("stratum", "?"), []).append((g, f, ss))
    out["by_stratum"] = {
        k: {
            "pairs": len(v),
            "gold_near": sum(1 for g, *_ in v if g["near_duplicate"]),
            "gold_near_reread": sum(1 for g, *_ in v if _reread(g)),
            "gold_near_full": sum(1 for g, *_ in v if _full(g)),
            "pred_near": sum(1 for _, f, _ in v if pred(f)),
            "gold_story": sum(1 for g, *_ in v if g["same_story"]),
            "pred_story": sum(1 for *_, ss in v if ss),
        }
        for k, v in sorted(strata.items())
    }
    return out


def sample(db: str, n: int, seed: int = 1) -> list[dict]:
    """Candidate pairs in similarity strata (for labelling; prints URLs, scores and text heads)."""
    import numpy as np

    from marsad.corpus import dedup, stories
    from marsad.store import open_store

    rng = random.Random(seed)
    store = open_store(db, readonly=True)
    rows = list(store.signatures())  # (id, url, story id, signature)
    sig = np.array([r[3] for r in rows], dtype=np.uint32)
    # low-threshold banding (4 rows x 32 bands) to reach pairs down to J ~ 0.2
    buckets: dict[tuple, list[int]] = {}
    for i in range(len(rows)):
        for band in range(32):
            buckets.setdefault((band, sig[i, band * 4 : band * 4 + 4].tobytes()), []).append(i)
    cand = set()
    for members in buckets.values():
        if 1 < len(members) <= 50:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    cand.add((members[x], members[y]))
    by_j: dict[str, list] = {"j90": [], "j70": [], "j50": [], "j35": [], "j20": []}
    for x, y in cand:
        j = float(np.mean(sig[x] == sig[y]))
        key = "j90" if j >= 0.9 else "j70" if j >= 0.7 else "j50" if j >= 0.5 else "j35" if j >= 0.35 else "j20" if j >= 0.2 else None
        if key:
            by_j[key].append((x, y, j))
    per = max(1, n // 9)
    picked = []
    for key, lst in by_j.items():
        rng.shuffle(lst)
        picked += [(key, x, y, j) for x, y, j in lst[:per]]
    # story-level strata: same-window pairs by story similarity (below near-duplicate range)
    sim = stories.Similarity(store)
    sim.load(None)
    by_id = {r[0]: i for i, r in enumerate(rows)}
    ids = list(by_id)
    rng.shuffle(ids)
    s_strata: dict[str, list] = {"s60": [], "s45": [], "s30": [], "s15": []}
    for sid in ids[:1500]:
        item = store.story_input(sid)
        for c in store.story_candidates(item, item.day, item.day, 10):
            s = sim(item, c)
            x, y = by_id.get(item.id), by_id.get(c.id)
            if x is None or y is None:
                continue
            j = float(np.mean(sig[x] == sig[y]))
            if j >= 0.2:
                continue
            key = "s60" if s >= 0.6 else "s45" if s >= 0.45 else "s30" if s >= 0.3 else "s15" if s >= 0.15 else None
            if key and len(s_strata[key]) < per * 3:
                s_strata[key].append((key, x, y, j, s))
    for key, lst in s_strata.items():
        rng.shuffle(lst)
        picked += [(k, x, y, j) for k, x, y, j, _ in lst[:per]]
    out = []
    for key, x, y, j in picked:
        a, b = rows[x], rows[y]
        ta, tb = store.get_article(a[0]), store.get_article(b[0])
        out.append(
            {
                "url_a": a[1], "url_b": b[1], "stratum": key, "jaccard": round(j, 3),
                "story_sim": round(sim(store.story_input(a[0]), store.story_input(b[0])), 3),
                "same_story_pred": a[2] == b[2],
                "title_a": ta.title, "title_b": tb.title,
                "head_a": ta.text[:300], "head_b": tb.text[:300],
                "tail_a": ta.text[-150:], "tail_b": tb.text[-150:],
                "len_a": len(ta.text), "len_b": len(tb.text),
            }
        )
    store.close()
    return out


def _revision_dedup(rev: str):
    """``marsad/corpus/dedup.py`` of git revision ``rev`` as a module (its ``verify`` works
    on the same analysed terms as this tree's)."""
    import importlib.util
    import subprocess

    src = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:marsad/corpus/dedup.py"], check=True,
                         capture_output=True, text=True).stdout
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(f"dedup_{rev}", loader=None))
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(src, f"{rev}:marsad/corpus/dedup.py", "exec"), module.__dict__)
    return module


def _stored_facts(store, sids: list[str], texts: dict[str, str]) -> dict:
    """Each article's ``dedup.Facts`` as the writer reads a stored candidate's (outlet and
    time from the articles table, entities from the entities table: key, type, most
    frequent name; ``texts`` by sid, read from the store), by sid."""
    from marsad.corpus import dedup

    wanted = set(sids)
    rows = {rowid: (sid, site, published) for rowid, sid, site, published in
            store._q("SELECT id, sid, site, published FROM articles") if sid in wanted}
    ents: dict[int, list] = {}
    for rowid, key, typ, name in store._q("SELECT article_id, key, type, name FROM entities"):
        if rowid in rows:
            ents.setdefault(rowid, []).append((key, typ, name))
    return {sid: dedup.Facts(ents.get(rowid, []), site, published, texts[sid])
            for rowid, (sid, site, published) in rows.items()}


def _rare_name_replay(store, sids: list[str]):
    """For :func:`replay_links`: a function giving, for the i-th signed article (archive order)
    and a rule (a ``dedup`` module), the earlier signed articles the store's second candidate
    source proposes: a shared person, place or organisation named in at most
    ``rule.ENTITY_CANDIDATE_ARTICLES`` articles stored before it, and
    ``rule.entity_candidate_pair``."""
    from bisect import bisect_left

    from marsad.corpus import dedup

    index = {sid: i for i, sid in enumerate(sids)}
    rowid, described = {}, {}
    for rid, sid, day, length, site in store._q("SELECT id, sid, day, length, site FROM articles"):
        if sid in index:
            rowid[index[sid]], described[index[sid]] = rid, (length, day, site)
    named: dict[int, set[str]] = {}
    holders: dict[str, list[int]] = {}  # key -> rowids of every article naming it, ascending
    for rid, key, typ, sid in store._q("SELECT e.article_id, e.key, e.type, a.sid FROM entities e "
                                       "JOIN articles a ON a.id = e.article_id ORDER BY e.article_id"):
        if typ in dedup.NAMED_TYPES:
            holders.setdefault(key, []).append(rid)
            if sid in index:
                named.setdefault(index[sid], set()).add(key)
    signed_at = {rid: i for i, rid in rowid.items()}

    def proposed(i: int, rule) -> set[int]:
        out = set()
        for key in named.get(i, ()):
            rids = holders[key]
            before = bisect_left(rids, rowid[i])
            if before <= rule.ENTITY_CANDIDATE_ARTICLES:
                out.update(j for j in (signed_at.get(r) for r in rids[:before])
                           if j is not None and rule.entity_candidate_pair(described[i], described[j]))
        return out

    return proposed


def replay_links(db: str, rules: dict, repeat: int = 1) -> tuple[dict, dict, dict]:
    """The near-duplicate link each rule gives each article of the archive, replaying the
    ingest's order and candidate rule (see module docstring).  ``rules`` maps a name to a
    module (or namespace) with ``verify``, ``band_keys``, ``jaccard`` and ``MAX_VERIFIED``,
    so each side uses its own LSH bands.  Returns {name: {sid: (linked sid, matched sid)}}
(and each rule's verify calls, and its links naming an article its verify refuses),
    the articles' analysed words by sid, and each rule's CPU seconds in ``verify`` for the
    whole archive (best of ``repeat`` alternating runs)."""
    from marsad.corpus import dedup
    from marsad.store import open_store

    with open_store(db, readonly=True) as store:
        rows = list(store.signatures())  # archive order
        sids = [r[0] for r in rows]
        sigs = [dedup.unpack(dedup.pack(r[3])) for r in rows]
        by_names = _rare_name_replay(store, sids) if any(
            hasattr(rule, "ENTITY_CANDIDATE_ARTICLES") for rule in rules.values()) else None
        earlier: dict[str, list[list[int]]] = {}
        for name, rule in rules.items():
            bands: dict[tuple[int, int], list[int]] = {}
            earlier[name] = []
            for i, sig in enumerate(sigs):
                cands: set[int] = set()
                for key in rule.band_keys(sig):
                    members = bands.setdefault(key, [])
                    cands.update(members)
                    members.append(i)
                if by_names is not None and hasattr(rule, "ENTITY_CANDIDATE_ARTICLES"):
                    cands |= by_names(i, rule)
                ranked = sorted(cands, key=lambda j: (-rule.jaccard(sig, sigs[j]), j))
                earlier[name].append(ranked[: rule.MAX_VERIFIED])
        needed = {i for lists in earlier.values() for i, c in enumerate(lists) if c}
        needed |= {j for lists in earlier.values() for c in lists for j in c}
        texts = {sids[i]: store.get_article(sids[i]).text for i in sorted(needed)}
        words = {i: dedup.shingle_words(texts[sids[i]]) for i in sorted(needed)}
        facts = _stored_facts(store, [sids[i] for i in sorted(needed)], texts) \
            if any(hasattr(rule, "REWORDED_COVERAGE") for rule in rules.values()) else {}
        facts = {i: facts[sids[i]] for i in sorted(needed)} if facts else {}
    links: dict[str, dict] = {}
    cpu: dict[str, list[float]] = {name: [] for name in rules}
    for _ in range(repeat):  # alternating, so both see the same machine speed
        for name, rule in rules.items():
            link: dict[int, tuple[int, int]] = {}
            calls = 0
            start = time.process_time()
            # a rule with the reworded route (this tree's, or a revision's that has it) gets the facts
            with_facts = hasattr(rule, "REWORDED_COVERAGE")
            link_target = getattr(rule, "link_target", None)
            for i, cands in enumerate(earlier[name]):

                def accepts(j: int) -> bool:
                    nonlocal calls
                    calls += 1
                    return (rule.verify(words[i], words[j], facts_a=facts[i], facts_b=facts[j]) if with_facts
                            else rule.verify(words[i], words[j]))

                if link_target is not None:  # the matched article, or its own link if that matches too
                    target = link_target(cands, lambda j: link.get(j, (j,))[0], accepts)
                    if target is not None:
                        link[i] = (target, target)
                    continue
                for j in cands:  # a revision before it: the family's first article of the first that matches
                    if accepts(j):
                        link[i] = (link.get(j, (j,))[0], j)
                        break
            cpu[name].append(time.process_time() - start)
            links[name] = {sids[i]: (sids[root], sids[j]) for i, (root, j) in link.items()}
            links[name + " verify calls"] = calls
            # links naming an article other than the one matched, that the rule's verify refuses
            links[name + " unverified"] = sum(
                1 for i, (root, j) in link.items() if root != j and not (
                    rule.verify(words[i], words[root], facts_a=facts[i], facts_b=facts[root]) if with_facts
                    else rule.verify(words[i], words[root])))
    return links, {sids[i]: w for i, w in words.items()}, {name: round(min(v), 2) for name, v in cpu.items()}


def compare_links(db: str, rev: str, read: int = 0, seed: int = 1, lost: bool = False,
                  containment: float | None = None, repeat: int = 1, reworded: float | None = None) -> dict:
    from marsad.corpus import dedup
    from marsad.store import open_store

    import types

    c_min = dedup.CONTAINMENT if containment is None else containment
    r_min = dedup.REWORDED_COVERAGE if reworded is None else reworded
    this_rule = types.SimpleNamespace(
        verify=lambda a, b, **facts: dedup.verify(a, b, containment=c_min, reworded=r_min, **facts),
        band_keys=dedup.band_keys, jaccard=dedup.jaccard, MAX_VERIFIED=dedup.MAX_VERIFIED,
        REWORDED_COVERAGE=r_min, link_target=dedup.link_target,
        ENTITY_CANDIDATE_ARTICLES=dedup.ENTITY_CANDIDATE_ARTICLES, entity_candidate_pair=dedup.entity_candidate_pair)
    links, words, cpu = replay_links(db, {"this tree": this_rule, rev: _revision_dedup(rev)}, repeat)
    this, other = links["this tree"], links[rev]
    out = {"containment_this_tree": c_min, "reworded_coverage_this_tree": r_min,
           "candidate_threshold_this_tree": dedup.CANDIDATE_THRESHOLD,
           "articles_linked": {"this tree": len(this), rev: len(other)},
           "verify_calls": {"this tree": links["this tree verify calls"], rev: links[f"{rev} verify calls"]},
           "links_naming_an_article_verify_refuses": {"this tree": links["this tree unverified"],
                                                      rev: links[f"{rev} unverified"]},
           "linked_by_both": len(this.keys() & other.keys()),
           "linked_by_both_to_another_article": sum(1 for k in this.keys() & other.keys() if this[k][0] != other[k][0]),
           "only_this_tree": len(this.keys() - other.keys()), f"only_{rev}": len(other.keys() - this.keys()),
           "verify_cpu_s_whole_archive": cpu, "repeat": repeat}
    if read:
        pool = sorted((other.keys() - this.keys()) if lost else (this.keys() - other.keys()))
        picked = random.Random(seed).sample(pool, min(read, len(pool)))
        chosen = other if lost else this
        with open_store(db, readonly=True) as store:
            out["read"] = []
            for k, sid in enumerate(picked, 1):
                match = chosen[sid][1]
                a, b = store.get_article(sid), store.get_article(match)
                ca, cb = dedup.comparison_terms(words[sid]), dedup.comparison_terms(words[match])
                short, long = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
                out["read"].append({
                    "n": k, "sid": sid, "linked_to": match,
                    "jaccard": round(dedup.exact_jaccard(ca, cb), 3), "coverage": round(dedup.coverage(short, long), 3),
                    "a": f"[{a.source.site or ''} {a.published.value if a.published else ''}] {a.title} || {a.text[:400]}",
                    "b": f"[{b.source.site or ''} {b.published.value if b.published else ''}] {b.title} || {b.text[:400]}",
                })
    return out


def audit_links(db: str) -> dict:
    """The archive's stored near-duplicate links checked with this tree's ``dedup.verify``: how
    many name an article that verify refuses against the linked one (each article's stored
    terms and facts, as the writer reads a stored candidate's)."""
    from marsad.corpus import dedup
    from marsad.store import open_store

    with open_store(db, readonly=True) as store:
        c = store.conn
        links = c.execute("SELECT id, near_dup_of FROM articles WHERE near_dup_of IS NOT NULL").fetchall()
        refused = []
        start = time.process_time()
        for rowid, target in links:
            if not dedup.verify(store._stored_words(c, rowid), store._stored_words(c, target),
                                facts_a=store._stored_facts(c, rowid), facts_b=store._stored_facts(c, target)):
                refused.append((rowid, target))
        cpu = time.process_time() - start
        sids = dict(c.execute("SELECT id, sid FROM articles"))
    return {"links": len(links), "links_naming_an_article_verify_refuses": len(refused),
            "examples": [[sids[a], sids[b]] for a, b in refused[:10]], "cpu_s": round(cpu, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    ap.add_argument("--sample", type=int, default=0, help="print N candidate pairs to label instead of evaluating")
    ap.add_argument("--links", metavar="REV", help="compare the archive's near-duplicate links with git revision REV's rule")
    ap.add_argument("--read", type=int, default=0, help="with --links: print N random links only this tree makes")
    ap.add_argument("--seed", type=int, default=1, help="with --read: the random draw")
    ap.add_argument("--lost", action="store_true", help="with --read: links only REV makes")
    ap.add_argument("--containment", type=float, help="with --links: this tree's rule at another containment threshold")
    ap.add_argument("--repeat", type=int, default=1, help="with --links: replay N times, alternating (CPU: best of N)")
    ap.add_argument("--reworded", type=float,
                    help="with --links: this tree's reworded route at another coverage (2 = off)")
    ap.add_argument("--audit-links", action="store_true",
                    help="count the archive's stored links that name an article this tree's verify refuses")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db} (ingest ../shared/data/news/saudinewsnet first)")
        return 0
    if args.audit_links:
        print(json.dumps(audit_links(args.db), indent=2, ensure_ascii=False))
        return 0
    if args.links:
        out = compare_links(args.db, args.links, args.read, args.seed, args.lost, args.containment, args.repeat,
                            args.reworded)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if args.sample:
        for row in sample(args.db, args.sample):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(json.dumps(evaluate(args.db), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
