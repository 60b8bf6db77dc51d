"""Train the neural half of the entity tagger (``python -m marsad.training.ner_neural``).

A BiLSTM over word / stem / char-CNN / word-cluster embeddings and the CRF's gazetteer and
trigger flags (:class:`marsad.analyze.ner_neural.Encoder`), with a CRF output layer, trained
on ``camel_train_approx.txt`` with PyTorch on the CPU and exported to ONNX (emissions only;
the transition scores go to the metadata file, see :mod:`marsad.analyze.ner_neural`).

Needs the ``train`` extra (``pip install -e '.[train]'``: torch, onnx) and the shipped
lexicon (``marsad train ner`` builds it).  Deterministic: fixed seeds, one thread,
``torch.use_deterministic_algorithms``.  ``--tune`` trains on 90 % of train and reports on
the held-out tenth: the last one by default (the split every setting was chosen on), another
with ``--fold K`` (see docs/benchmarks.md).

Self-training (``--pseudo-out``, ``--pseudo``, ``--self-train``): a teacher (a CRF and a network)
tags SaudiNewsNet sentences and the network is trained on them next to the gold data.  On three
held-out tenths it gave no gain (docs/benchmarks.md), so it is off by default and the shipped
model does not use it.

``--lm FILE``: the frozen states of a news language model pretrained by
:mod:`marsad.training.ner_lm` are extra BiLSTM inputs (exported in the same ONNX graph).  It gained
on train's tenths but read 73.76 on the CAMeL test against the shipped 73.83 (docs/benchmarks.md),
so it is off by default too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.analyze import ner
from marsad.analyze import ner_neural as nn_rt
from marsad.analyze.ner_eval import read_conll, score, split_long
from marsad.errors import MarsadError
from marsad.training.ner import REPO, TUNE_FOLDS, ner_data_dir, tuning_split

LABEL_INDEX = {lab: i for i, lab in enumerate(nn_rt.LABELS)}
# embedding widths of the 64 / 256 / 1,024 word-cluster ids (the news LM's input uses them too)
CLUSTER_DIMS = (8, 16, 32)


def build_model(n_words: int, n_chars: int, cluster_sizes: tuple[int, ...], vec_dim: int, args, lm=None):
    """The BiLSTM-CRF's network; ``lm``: a frozen pretrained language model
    (:func:`marsad.training.ner_lm.load_lm`) whose states of both directions are extra BiLSTM inputs
    (``--lm``; None leaves the network as shipped)."""
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Embedding(n_words, args.word_dim, padding_idx=0)
            self.char = nn.Embedding(n_chars, args.char_dim, padding_idx=0)
            widths = [int(w) for w in str(args.char_widths).split(",")]
            # one convolution per window width, each with char_filters filters
            self.conv = nn.Conv1d(args.char_dim, args.char_filters, widths[0], padding=widths[0] // 2)
            self.more_convs = nn.ModuleList(
                nn.Conv1d(args.char_dim, args.char_filters, w, padding=w // 2) for w in widths[1:]
            )
            n_char = args.char_filters * len(widths)
            # word and stem clusters share one table per granularity
            self.clus = nn.ModuleList(
                nn.Embedding(k + 1, d, padding_idx=0) for k, d in zip(cluster_sizes, CLUSTER_DIMS)
            )
            in_dim = 2 * args.word_dim + n_char + 2 * sum(CLUSTER_DIMS) + nn_rt.N_FLAGS + 2 * vec_dim
            self.proj = nn.Linear(in_dim, args.proj)
            self.drop = nn.Dropout(args.dropout)
            lm_dim = 0
            if lm is not None:
                # registered only when used, so the option off keeps the shipped parameter list
                self.lm = lm
                lm_dim = 2 * lm.hidden
            self.lstm = nn.LSTM(args.proj + lm_dim, args.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * args.hidden, len(nn_rt.LABELS))

        def features(self, words, stems, clusters, flags, chars, vectors=None):
            b, t, c = chars.shape
            ch = self.char(chars.reshape(b * t, c)).transpose(1, 2)
            ch = torch.cat(
                [torch.relu(conv(ch)).max(dim=2).values for conv in [self.conv, *self.more_convs]], dim=1
            ).reshape(b, t, -1)
            parts = [self.word(words), self.word(stems), ch, flags]
            if vectors is not None:
                parts.append(vectors)
            for g in range(3):
                parts.append(self.clus[g](clusters[:, :, g]))
                parts.append(self.clus[g](clusters[:, :, 3 + g]))
            return self.drop(torch.relu(self.proj(self.drop(torch.cat(parts, dim=-1)))))

        def forward(self, words, stems, clusters, flags, chars, vectors=None):
            """Emissions for sentences of one length (the exported graph: no padding)."""
            x = self.features(words, stems, clusters, flags, chars, vectors)
            if lm is not None:
                # the LM's per-token input joins the tagger's in one tensor, sliced apart after: the
                # runtime cuts the graph there (marsad.analyze.ner_neural.split_at_recurrence) and
                # keeps that tensor per word, so both LSTMs run on cached per-token states
                n = self.proj.out_features
                x = torch.cat([x, self.lm.inputs(clusters, vectors)], dim=-1)
                x = torch.cat([x[:, :, :n], self.lm.states(x[:, :, n:])], dim=-1)
            h, _ = self.lstm(x)
            return self.out(self.drop(h))

        def forward_padded(self, words, stems, clusters, flags, chars, vectors, lengths):
            x = self.features(words, stems, clusters, flags, chars, vectors if vec_dim else None)
            if lm is not None:
                with torch.no_grad():  # frozen
                    states = self.lm.states(self.lm.inputs(clusters, vectors), lengths)
                x = torch.cat([x, self.drop(states)], dim=-1)
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            return self.out(self.drop(h))

    return Net()


class CRF:
    """Linear-chain CRF loss over emissions; transitions to I-X from anything but B-X/I-X are fixed at -1e4."""

    def __init__(self) -> None:
        import torch

        k = len(nn_rt.LABELS)
        self.trans = torch.zeros(k, k, requires_grad=True)
        self.start = torch.zeros(k, requires_grad=True)
        self.end = torch.zeros(k, requires_grad=True)
        self.mask_t = torch.tensor(np.where(nn_rt.allowed_transitions(), 0.0, -1e4), dtype=torch.float32)
        self.mask_s = torch.tensor(np.where(nn_rt.allowed_starts(), 0.0, -1e4), dtype=torch.float32)

    def params(self):
        return [self.trans, self.start, self.end]

    def full(self):
        return self.trans + self.mask_t, self.start + self.mask_s, self.end

    def nll(self, em, tags, mask, weights=None):
        """Mean negative log-likelihood; ``em`` [B,T,K], ``tags`` [B,T], ``mask`` [B,T] bool; ``weights`` [B]
        scales each sentence's term (pseudo-labelled sentences count less than gold ones)."""
        import torch

        trans, start, end = self.full()
        b, t_len, _ = em.shape
        ar = torch.arange(b)
        # gold path score
        score = start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
        for t in range(1, t_len):
            m = mask[:, t]
            step = trans[tags[:, t - 1], tags[:, t]] + em[ar, t, tags[:, t]]
            score = score + step * m
        last = tags[ar, mask.sum(1) - 1]
        score = score + end[last]
        # partition function
        alpha = start + em[:, 0]
        for t in range(1, t_len):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, t]
            alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
        z = torch.logsumexp(alpha + end, dim=1)
        if weights is None:
            return (z - score).mean()
        return (weights * (z - score)).mean()


class EMA:
    """Exponential moving average of a network's and its CRF layer's parameters."""

    def __init__(self, net, crf: CRF, decay: float) -> None:
        import copy

        self.net, self.crf, self.decay = net, crf, decay
        self.avg_net = copy.deepcopy(net)
        self.avg_crf = CRF()
        for a, p in zip(self.avg_crf.params(), crf.params(), strict=True):
            a.data.copy_(p.data)
        self.pairs = list(zip(self.avg_net.parameters(), net.parameters(), strict=True))
        self.pairs += list(zip(self.avg_crf.params(), crf.params(), strict=True))
        self.steps = 0

    def update(self) -> None:
        import torch

        self.steps += 1
        # warm-up: early on the average follows the weights closely
        d = min(self.decay, (1 + self.steps) / (10 + self.steps))
        with torch.no_grad():
            for a, p in self.pairs:
                a.mul_(d).add_(p.detach(), alpha=1 - d)

    def swapped(self):
        return self.avg_net, self.avg_crf


def make_vocab(sents, min_count: int) -> tuple[list[str], list[str]]:
    from marsad.text import normalize, split_clitics

    counts: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for toks, _ in sents:
        for tok in toks:
            w = normalize(tok)
            counts[w] += 1
            cs = split_clitics(tok)
            stem = normalize(cs.stem)
            counts["ال" + stem if cs.has_article else stem] += 1
            chars.update(w)
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    return vocab, sorted(c for c, n in chars.items() if n >= 2)


def tensors(encoder: nn_rt.Encoder, batch):
    import torch

    feed = encoder.encode([toks for toks, _ in batch])
    t_len = feed["words"].shape[1]
    tags = np.zeros((len(batch), t_len), dtype=np.int64)
    for i, (_, tg) in enumerate(batch):
        tags[i, : len(tg)] = [LABEL_INDEX[x] for x in tg]
    out = {k: torch.from_numpy(v) for k, v in feed.items()}
    return out, torch.from_numpy(tags)


def predict(net, crf, encoder, sents, batch_size: int = 64) -> list[np.ndarray]:
    """Emissions per sentence with the torch model (eval mode)."""
    import torch

    net.eval()
    res: list[np.ndarray] = []
    with torch.no_grad():
        for i in range(0, len(sents), batch_size):
            batch = sents[i : i + batch_size]
            feed, _ = tensors(encoder, batch)
            em = net.forward_padded(
                feed["words"], feed["stems"], feed["clusters"], feed["flags"], feed["chars"], feed["vectors"],
                feed["lengths"],
            )
            for j, (toks, _) in enumerate(batch):
                res.append(em[j, : len(toks)].numpy().astype(np.float64))
    net.train()
    return res


def decode_all(ems, trans, start, end) -> list[list[str]]:
    return [[nn_rt.LABELS[k] for k in nn_rt.viterbi(e, trans, start, end)] for e in ems]


# --- self-training on pseudo-labelled news --------------------------------------------------


def news_sentences(
    n: int | None, stride: int = 4, min_len: int = 6, max_len: int = 60, limit_docs: int = 0
) -> list[list[str]]:
    """``n`` distinct sentences (as the tagger tokenises them) of the shared SaudiNewsNet news, the same
    ones on every run: articles whose CRC-32 is a multiple of ``stride`` (reprints kept once), their
    sentences of ``min_len``..``max_len`` tokens with Arabic letters, ordered by their own CRC-32.
    SANAD is left out: its texts had their punctuation stripped, so they have no sentences.
    ``n=None``: all of them (the LM pretraining, :mod:`marsad.training.ner_lm`); ``limit_docs``: read
    only the first that many articles (smoke tests)."""
    import zlib

    from marsad.text import split_sentences, tokenize
    from marsad.training.ner import news_texts, shared_dir

    seen_docs: set[int] = set()
    found: dict[str, list[str]] = {}
    for k, text in enumerate(news_texts(shared_dir(), sanad=False)):
        if limit_docs and k >= limit_docs:
            break
        key = zlib.crc32(text[:2000].encode())
        if key in seen_docs or zlib.crc32(text.encode()) % stride:
            continue
        seen_docs.add(key)
        for sent in split_sentences(text):
            toks = [t.text for t in tokenize(sent.text)]
            if min_len <= len(toks) <= max_len and any("\u0621" <= ch <= "\u064a" for ch in sent.text):
                found.setdefault(" ".join(toks), toks)
    if n is not None and len(found) < n:
        raise MarsadError(f"only {len(found)} news sentences for the {n} asked (is ../shared complete?)")
    order = sorted(found, key=lambda k: (zlib.crc32(k.encode()), k))
    return [found[k] for k in order[:n]]


def pseudo_label(res: dict, crf_model: Path, lexicon: Path, sents: list[list[str]], out: Path, work: Path) -> None:
    """Tag ``sents`` with the teacher (the CRF ``crf_model`` + the network just trained, decoded as the
    shipped tagger does) and write ``token ENSEMBLE CRF NETWORK`` lines, a blank line after each
    sentence: the teacher's tags, then each half's own (``--pseudo-filter agree`` keeps the sentences
    where all three agree)."""
    work.mkdir(parents=True, exist_ok=True)
    export(res["net"], res["crf"], res["vocab"], res["chars"], res["vectors"], work, 0.6, 0.5)
    lex = ner.Lexicon.load(lexicon)
    teacher = ner.Tagger(crf_model, lex, work)
    ens = teacher.tag_sentences(sents)
    crf_only = ner.Tagger(crf_model, lex).tag_sentences(sents)
    trans, start, end = (x.detach().numpy().astype(np.float64) for x in res["crf"].full())
    net_only = decode_all(predict(res["net"], res["crf"], res["encoder"], [(t, []) for t in sents]), trans, start, end)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for toks, a, b, c in zip(sents, ens, crf_only, net_only, strict=True):
            fh.writelines(f"{t} {x} {y} {z}\n" for t, x, y, z in zip(toks, a, b, c, strict=True))
            fh.write("\n")
    agree = sum(a == b == c for a, b, c in zip(ens, crf_only, net_only, strict=True))
    names = sum(tag.startswith("B-") for tags in ens for tag in tags)
    print(f"pseudo-labels: {len(sents)} sentences, {names} names, halves agree on {agree} -> {out}", flush=True)


def read_pseudo(path: Path, keep: str = "all") -> list[tuple[list[str], list[str]]]:
    """The teacher's sentences of a :func:`pseudo_label` file (``keep="agree"``: those where the
    teacher and both its halves agree)."""
    sents, rows = [], []
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            parts = line.split()
            if parts:
                rows.append(parts)
                continue
            if rows and (keep == "all" or all(r[1] == r[2] == r[3] for r in rows)):
                sents.append(([r[0] for r in rows], [r[1] for r in rows]))
            rows = []
    return sents


def deterministic_torch(seed: int, threads: int) -> None:
    """Seed every generator a training run draws from and make torch's kernels deterministic
    (shared by this trainer and the news LM's, :mod:`marsad.training.ner_lm`)."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def train(args) -> dict:
    import torch

    deterministic_torch(args.seed, args.threads)

    data = ner_data_dir()
    train_file = data / "anercorp" / "camel_train_approx.txt"
    if not train_file.exists():
        raise MarsadError(f"training data not found: {train_file} (needs ../shared)")
    sents = split_long(read_conll(train_file))
    if args.limit:
        sents = sents[: args.limit]
    train_s, held = tuning_split(sents, args.fold) if args.tune else (sents, [])
    # pseudo-labelled news (self-training): drawn afresh each epoch, never counted into the vocabulary
    # (the word table stays the gold data's size; news words reach the network through their vectors,
    # clusters and characters)
    pseudo = read_pseudo(args.pseudo, args.pseudo_filter) if getattr(args, "pseudo", None) else []
    lexicon = ner.Lexicon.load(args.lexicon)
    featurizer = ner.Featurizer(lexicon)
    vocab, chars = make_vocab(train_s, args.min_count)
    vectors = None
    if args.vectors:
        vectors = ship_vectors(args.vectors, lexicon, args.vector_dim, args.vector_rows)
    encoder = nn_rt.Encoder(featurizer, vocab, chars, vectors)
    cluster_sizes = tuple(int(lexicon.ids[:, g].max()) + 1 for g in range(3)) if len(lexicon.words) else (1, 1, 1)
    lm = None
    if getattr(args, "lm", None):
        from marsad.training.ner_lm import load_lm

        lm = load_lm(args.lm)
        if lm.config["vec_dim"] != encoder.dim or tuple(lm.config["cluster_sizes"]) != cluster_sizes:
            raise MarsadError(f"{args.lm} was pretrained on other inputs (vectors {lm.config['vec_dim']}-d)")
    net = build_model(len(vocab) + 2, len(chars) + 2, cluster_sizes, encoder.dim, args, lm)
    crf = CRF()
    trainable = [p for p in net.parameters() if p.requires_grad]  # all of them unless --lm
    opt = torch.optim.Adam(trainable + crf.params(), lr=args.lr)
    print(f"neural: {len(train_s)} train sentences, vocab {len(vocab)}, chars {len(chars)}", flush=True)
    if pseudo:
        print(f"neural: {len(pseudo)} pseudo-labelled sentences, {args.pseudo_per_epoch} per epoch, weight "
              f"{args.pseudo_weight}", flush=True)
    pool = train_s + pseudo
    # pre-encode once; word dropout is applied to the id tensors per batch
    order = list(range(len(train_s)))
    t0 = time.time()
    history = []
    # --ema: a moving average of the weights is evaluated next to the last weights and exported
    # instead of them (tried against the held-out score's epoch-to-epoch swings; it did not help)
    ema = EMA(net, crf, args.ema) if args.ema else None
    for epoch in range(1, args.epochs + 1):
        random.shuffle(order)
        epoch_order = order
        if pseudo:
            drawn = random.sample(range(len(pseudo)), min(args.pseudo_per_epoch, len(pseudo)))
            epoch_order = order + [len(train_s) + j for j in drawn]
            random.shuffle(epoch_order)
        # batches of similar length: less padding, less wasted LSTM work
        chunks = [epoch_order[i : i + args.batch * 20] for i in range(0, len(epoch_order), args.batch * 20)]
        batches = []
        for ch in chunks:
            ch = sorted(ch, key=lambda i: len(pool[i][0]))
            batches += [ch[i : i + args.batch] for i in range(0, len(ch), args.batch)]
        random.shuffle(batches)
        total = 0.0
        lr = args.lr / (1 + args.decay * (epoch - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        for bidx in batches:
            feed, tags = tensors(encoder, [pool[i] for i in bidx])
            if args.word_dropout:
                for key in ("words", "stems"):
                    drop = (torch.rand(feed[key].shape) < args.word_dropout) & (feed[key] > 0)
                    feed[key] = torch.where(drop, torch.ones_like(feed[key]), feed[key])
            mask = torch.arange(tags.shape[1]).unsqueeze(0) < feed["lengths"].unsqueeze(1)
            em = net.forward_padded(
                feed["words"], feed["stems"], feed["clusters"], feed["flags"], feed["chars"], feed["vectors"],
                feed["lengths"],
            )
            weights = None
            if pseudo:
                weights = torch.tensor([1.0 if i < len(train_s) else args.pseudo_weight for i in bidx])
            loss = crf.nll(em, tags, mask, weights)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable + crf.params(), 5.0)
            opt.step()
            if ema is not None:
                ema.update()
            total += float(loss.detach()) * len(bidx)
        msg = f"epoch {epoch}: loss {total / len(epoch_order):.3f} ({time.time() - t0:.0f}s)"
        if held and (epoch % args.eval_every == 0 or epoch == args.epochs):
            for tag, (n, c) in [("", (net, crf))] + ([(" EMA", ema.swapped())] if ema is not None else []):
                trans, start, end = (x.detach().numpy().astype(np.float64) for x in c.full())
                pred = decode_all(predict(n, c, encoder, held), trans, start, end)
                res = score([t for _, t in held], pred)
                history.append((epoch + (0.5 if tag else 0), res["micro"]["f1"]))
                m = res["micro"]
                msg += f" held-out{tag} F1 {m['f1']} (P {m['precision']} R {m['recall']})"
        print(msg, flush=True)
    raw = (net, crf)
    if ema is not None:
        net, crf = ema.swapped()
    return {
        "raw": raw,
        "net": net, "crf": crf, "encoder": encoder, "vocab": vocab, "chars": chars, "held": held, "history": history,
        "vectors": vectors,
    }


def ship_vectors(path: Path, lexicon: ner.Lexicon, dim: int, rows: int = 0) -> np.ndarray:
    """The news word vectors (``build/ner/vectors.npz``, from :func:`marsad.training.ner.news_vectors`)
    cut to their first ``dim`` SVD components, re-normalised and stored as int8, rows in lexicon order
    (the ``rows`` most frequent words when given: the encoder gives rarer words no vector)."""
    z = np.load(path)
    words = [str(w) for w in z["vocab"]]
    if words != lexicon.words:
        raise MarsadError(f"{path} was not built with the shipped lexicon's word list")
    v = z["vecs"][: rows or None, :dim].astype(np.float64)
    v /= np.linalg.norm(v, axis=1, keepdims=True) + 1e-9
    return np.round(v * nn_rt.VECTOR_SCALE).astype(np.int8)


def export(
    net, crf, vocab, chars, vectors, out_dir: Path, ensemble_weight: float, o_penalty: float = 0.0,
    half_tables: bool = False,
) -> None:
    export_members([(net, crf)], vocab, chars, vectors, out_dir, ensemble_weight, o_penalty, half_tables)


def merge(nets):
    """One network whose emissions are the mean of ``nets``' (same inputs, same LSTM size), exactly:
    the members' per-token features side by side, one BiLSTM whose weights are the members' in
    block-diagonal form (no unit sees another member's), and the output layers averaged.  One
    BiLSTM keeps the graph the shape the tagger runs fast (a per-token part, then one recurrent
    node), where several networks would each need their own run."""
    import torch
    from torch import nn

    k = len(nets)
    h = nets[0].lstm.hidden_size
    ins = [net.lstm.input_size for net in nets]
    offs = np.cumsum([0] + ins)

    class Merged(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.nets = nn.ModuleList(nets)
            self.lstm = nn.LSTM(int(offs[-1]), k * h, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * k * h, nets[0].out.out_features)

        def forward(self, words, stems, clusters, flags, chars, vectors=None):
            x = torch.cat([net.features(words, stems, clusters, flags, chars, vectors) for net in self.nets], dim=-1)
            hid, _ = self.lstm(x)
            return self.out(hid)

    m = Merged()
    with torch.no_grad():
        for sfx in ("_l0", "_l0_reverse"):
            w_ih = torch.zeros(4 * k * h, int(offs[-1]))
            w_hh = torch.zeros(4 * k * h, k * h)
            b_ih = torch.zeros(4 * k * h)
            b_hh = torch.zeros(4 * k * h)
            for j, net in enumerate(nets):
                for g in range(4):  # gate blocks i, f, g, o
                    rows = slice(g * k * h + j * h, g * k * h + (j + 1) * h)
                    src = slice(g * h, (g + 1) * h)
                    w_ih[rows, offs[j] : offs[j + 1]] = getattr(net.lstm, "weight_ih" + sfx)[src]
                    w_hh[rows, j * h : (j + 1) * h] = getattr(net.lstm, "weight_hh" + sfx)[src]
                    b_ih[rows] = getattr(net.lstm, "bias_ih" + sfx)[src]
                    b_hh[rows] = getattr(net.lstm, "bias_hh" + sfx)[src]
            getattr(m.lstm, "weight_ih" + sfx).copy_(w_ih)
            getattr(m.lstm, "weight_hh" + sfx).copy_(w_hh)
            getattr(m.lstm, "bias_ih" + sfx).copy_(b_ih)
            getattr(m.lstm, "bias_hh" + sfx).copy_(b_hh)
        # hidden state order: forward units of every member, then backward units of every member
        w = torch.zeros_like(m.out.weight)
        for j, net in enumerate(nets):
            w[:, j * h : (j + 1) * h] = net.out.weight[:, :h] / k
            w[:, k * h + j * h : k * h + (j + 1) * h] = net.out.weight[:, h:] / k
        m.out.weight.copy_(w)
        m.out.bias.copy_(sum(net.out.bias for net in nets) / k)
    return m


def halve_embedding_tables(path: Path, min_size: int = 100_000) -> None:
    """Store the ONNX model's large embedding tables (initializers read by Gather) as float16,
    cast back to float32 inside the graph: half the file size; a float16 entry is within 0.05 %
    of the trained weight, far below what changes an emission's argmax."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(path))
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    tables = {n.input[0] for n in g.node if n.op_type == "Gather" and n.input[0] in inits}
    casts = []
    for name in sorted(tables):
        arr = numpy_helper.to_array(inits[name])
        if arr.dtype != np.float32 or arr.size < min_size:
            continue
        g.initializer.remove(inits[name])
        g.initializer.append(numpy_helper.from_array(arr.astype(np.float16), name + "_fp16"))
        casts.append(helper.make_node("Cast", [name + "_fp16"], [name], to=onnx.TensorProto.FLOAT, name=name + "_cast"))
    for node in reversed(casts):
        g.node.insert(0, node)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def export_members(
    members, vocab, chars, vectors, out_dir: Path, ensemble_weight: float, o_penalty: float = 0.0,
    half_tables: bool = False,
) -> None:
    """ONNX files of the networks ``members`` ([(net, crf)], same inputs) and one metadata file."""
    import torch

    b, t = 2, 5
    dummy = (
        torch.ones(b, t, dtype=torch.long),
        torch.ones(b, t, dtype=torch.long),
        torch.ones(b, t, nn_rt.N_CLUSTERS, dtype=torch.long),
        torch.zeros(b, t, nn_rt.N_FLAGS),
        torch.ones(b, t, nn_rt.MAX_CHARS, dtype=torch.long),
    )
    names = ["words", "stems", "clusters", "flags", "chars"]
    if vectors is not None:
        dummy += (torch.zeros(b, t, 2 * vectors.shape[1]),)
        names.append("vectors")
        np.save(out_dir / nn_rt.VECTORS_FILE, vectors)
    dyn = {n: {0: "batch", 1: "time"} for n in names}
    dyn["emissions"] = {0: "batch", 1: "time"}
    # several networks go into one graph that averages their emissions: one onnxruntime call per
    # batch instead of one per network
    graph = members[0][0] if len(members) == 1 else merge([net for net, _ in members])
    graph.eval()
    torch.onnx.export(
        graph, dummy, str(out_dir / nn_rt.ONNX_FILE), input_names=names, output_names=["emissions"],
        dynamic_axes=dyn, opset_version=17, dynamo=False,
    )
    if half_tables:
        halve_embedding_tables(out_dir / nn_rt.ONNX_FILE)
    full = [[x.detach().numpy().astype(np.float64) for x in crf.full()] for _, crf in members]
    trans, start, end = (np.mean([f[i] for f in full], axis=0) for i in range(3))
    meta = {
        "members": [nn_rt.ONNX_FILE],
        "labels": list(nn_rt.LABELS),
        "vocab": vocab,
        "chars": chars,
        "transitions": np.round(trans, 6).tolist(),
        "start": np.round(start, 6).tolist(),
        "end": np.round(end, 6).tolist(),
        "ensemble_weight": ensemble_weight,
        "o_penalty": o_penalty,
        "vectors": vectors is not None,
    }
    (out_dir / nn_rt.META_FILE).write_bytes(
        gzip.compress(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)
    )


def self_train_labels(args) -> None:
    """The teacher's part of self-training, in one command: train the network without pseudo-labels
    (the same seed and settings), label ``--pseudo-sents`` news sentences with it and ``--teacher-crf``
    into ``--pseudo-out``, and point ``args.pseudo`` there for the student trained next."""
    import copy

    teacher_args = copy.copy(args)
    teacher_args.pseudo = None
    res = train(teacher_args)
    out = args.pseudo_out or REPO / "build" / "ner" / "pseudo.txt"
    work = out.with_name(out.stem + "_teacher")
    pseudo_label(res, args.teacher_crf, args.lexicon, news_sentences(args.pseudo_sents), out, work)
    args.pseudo, args.pseudo_out = out, None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m marsad.training.ner_neural", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=ner.MODEL_DIR)
    p.add_argument("--lexicon", type=Path, default=ner.MODEL_DIR / ner.LEXICON_FILE)
    p.add_argument("--tune", action="store_true", help="train on 90%% of train, report on the last 10%%")
    p.add_argument(
        "--fold", type=int, default=TUNE_FOLDS - 1, help="(--tune) hold out this tenth of train instead (0-9)"
    )
    p.add_argument("--save-emissions", type=Path, help="(--tune) write the held-out emissions here (npz)")
    p.add_argument("--epochs", type=int, default=16)
    p.add_argument("--eval-every", type=int, default=2)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--decay", type=float, default=0.05)
    p.add_argument("--word-dim", type=int, default=48)
    p.add_argument("--char-dim", type=int, default=24)
    p.add_argument("--char-filters", type=int, default=48, help="filters per char-CNN window width")
    p.add_argument("--char-widths", default="3", help="char-CNN window widths, e.g. 2,3,4")
    p.add_argument("--proj", type=int, default=96)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--dropout", type=float, default=0.4)
    p.add_argument("--word-dropout", type=float, default=0.1)
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument(
        "--ensemble-weight", type=float, default=0.6, help="weight of the network against the CRF (tuning split)"
    )
    p.add_argument("--o-penalty", type=float, default=0.5, help="score taken from O when decoding (tuning split)")
    p.add_argument(
        "--vectors",
        type=Path,
        default=REPO / "build" / "ner" / "vectors.npz",
        help="cache of the news word vectors (built when absent: ~15 min); --no-vectors to train without",
    )
    p.add_argument("--no-vectors", dest="vectors", action="store_const", const=None)
    p.add_argument("--vector-dim", type=int, default=64)
    p.add_argument(
        "--vector-rows", type=int, default=0, help="ship vectors for this many most frequent words only (0: all)"
    )
    p.add_argument(
        "--lm", type=Path,
        help="a pretrained news LM (python -m marsad.training.ner_lm): its frozen states are extra inputs",
    )
    p.add_argument("--ema", type=float, default=0.0, help="decay of the weight average evaluated and exported (0: off)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--members", type=int, default=1, help="networks to train (seeds seed, seed+1, …) and average")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument(
        "--half-tables", action="store_true", help="store the embedding tables as float16 in the ONNX file (half size)"
    )
    p.add_argument("--limit", type=int, default=0, help="first N sentences only (smoke tests)")
    g = p.add_argument_group("self-training (pseudo-labelled news)")
    g.add_argument("--pseudo", type=Path, help="train on this pseudo-label file too (written by --pseudo-out)")
    g.add_argument("--pseudo-filter", choices=("all", "agree"), default="all", help="which pseudo sentences to keep")
    g.add_argument("--pseudo-per-epoch", type=int, default=3000, help="pseudo sentences drawn per epoch")
    g.add_argument("--pseudo-weight", type=float, default=1.0, help="loss weight of a pseudo sentence")
    g.add_argument(
        "--pseudo-out", type=Path, help="after training, label news sentences with this network + --teacher-crf"
    )
    g.add_argument("--pseudo-sents", type=int, default=20000, help="news sentences to label")
    g.add_argument(
        "--self-train", action="store_true",
        help="train a teacher network first, label news with it and --teacher-crf, then train on both",
    )
    g.add_argument(
        "--teacher-crf", type=Path, default=ner.MODEL_DIR / ner.MODEL_FILE,
        help="the CRF half of the teacher (with --tune --fold K: the CRF trained without tenth K)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.fold != TUNE_FOLDS - 1 and not args.tune:
        raise MarsadError("--fold chooses the held-out tenth of a --tune run; add --tune")
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise MarsadError(f"neural training needs the train extra (pip install -e '.[train]'): {exc}") from exc
    if not args.lexicon.exists():
        raise MarsadError(f"entity lexicon not found: {args.lexicon} (run `marsad train ner` first)")
    if args.vectors is not None and not args.vectors.exists():
        from marsad.training.ner import news_vectors, shared_dir

        vocab, vecs = news_vectors(shared_dir())
        args.vectors.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.vectors, vecs=vecs.astype(np.float32), vocab=np.array(vocab))
    if args.lm is not None and args.members > 1:
        raise MarsadError("--lm is not supported with --members (the merged graph has one BiLSTM)")
    if args.lm is not None and not args.lm.exists():
        raise MarsadError(f"pretrained LM not found: {args.lm} (python -m marsad.training.ner_lm writes it)")
    if args.members > 1 and not args.tune:
        first = args.seed
        members = []
        for k in range(args.members):
            args.seed = first + k
            res = train(args)
            members.append((res["net"], res["crf"]))
        args.out.mkdir(parents=True, exist_ok=True)
        export_members(
            members, res["vocab"], res["chars"], res["vectors"], args.out, args.ensemble_weight, args.o_penalty,
            args.half_tables,
        )
        return 0
    if args.self_train:
        self_train_labels(args)
    res = train(args)
    if args.tune:
        if args.save_emissions:
            ems = predict(res["net"], res["crf"], res["encoder"], res["held"])
            trans, start, end = (x.detach().numpy().astype(np.float64) for x in res["crf"].full())
            np.savez(args.save_emissions, *ems, trans=trans, start=start, end=end)
            if args.ema:  # the last weights too, to compare with their average
                net, crf = res["raw"]
                ems = predict(net, crf, res["encoder"], res["held"])
                trans, start, end = (x.detach().numpy().astype(np.float64) for x in crf.full())
                np.savez(args.save_emissions.with_suffix(".raw.npz"), *ems, trans=trans, start=start, end=end)
        if args.pseudo_out:
            work = args.pseudo_out.with_name(args.pseudo_out.stem + "_teacher")
            pseudo_label(res, args.teacher_crf, args.lexicon, news_sentences(args.pseudo_sents), args.pseudo_out, work)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    export(
        res["net"], res["crf"], res["vocab"], res["chars"], res["vectors"], args.out, args.ensemble_weight,
        args.o_penalty, args.half_tables,
    )
    print(f"model: {args.out / nn_rt.ONNX_FILE} ({(args.out / nn_rt.ONNX_FILE).stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
