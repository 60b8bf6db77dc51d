"""Train the neural half of the entity tagger (``python -m marsad.training.ner_neural``).

A BiLSTM over word / stem / char-CNN / word-cluster embeddings and the CRF's gazetteer and
trigger flags (:class:`marsad.analyze.ner_neural.Encoder`), with a CRF output layer, trained
on ``camel_train_approx.txt`` with PyTorch on the CPU and exported to ONNX (emissions only;
the transition scores go to the metadata file, see :mod:`marsad.analyze.ner_neural`).

Needs the ``train`` extra (``pip install -e '.[train]'``: torch, onnx) and the shipped
lexicon (``marsad train ner`` builds it).  Deterministic: fixed seeds, one thread,
``torch.use_deterministic_algorithms``.  ``--tune`` trains on the first 90 % of train and
reports on the last 10 % (the split every setting was chosen on; see docs/benchmarks.md).
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
from marsad.training.ner import REPO, ner_data_dir

LABEL_INDEX = {lab: i for i, lab in enumerate(nn_rt.LABELS)}


def build_model(n_words: int, n_chars: int, cluster_sizes: tuple[int, ...], vec_dim: int, args):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Embedding(n_words, args.word_dim, padding_idx=0)
            self.char = nn.Embedding(n_chars, args.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)
            dims = (8, 16, 32)
            # word and stem clusters share one table per granularity
            self.clus = nn.ModuleList(nn.Embedding(k + 1, d, padding_idx=0) for k, d in zip(cluster_sizes, dims))
            in_dim = 2 * args.word_dim + args.char_filters + 2 * sum(dims) + nn_rt.N_FLAGS + 2 * vec_dim
            self.proj = nn.Linear(in_dim, args.proj)
            self.drop = nn.Dropout(args.dropout)
            self.lstm = nn.LSTM(args.proj, args.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * args.hidden, len(nn_rt.LABELS))

        def features(self, words, stems, clusters, flags, chars, vectors=None):
            b, t, c = chars.shape
            ch = self.char(chars.reshape(b * t, c)).transpose(1, 2)
            ch = torch.relu(self.conv(ch)).max(dim=2).values.reshape(b, t, -1)
            parts = [self.word(words), self.word(stems), ch, flags]
            if vectors is not None:
                parts.append(vectors)
            for g in range(3):
                parts.append(self.clus[g](clusters[:, :, g]))
                parts.append(self.clus[g](clusters[:, :, 3 + g]))
            return self.drop(torch.relu(self.proj(self.drop(torch.cat(parts, dim=-1)))))

        def forward(self, words, stems, clusters, flags, chars, vectors=None):
            """Emissions for sentences of one length (the exported graph: no padding)."""
            h, _ = self.lstm(self.features(words, stems, clusters, flags, chars, vectors))
            return self.out(self.drop(h))

        def forward_padded(self, words, stems, clusters, flags, chars, vectors, lengths):
            x = self.features(words, stems, clusters, flags, chars, vectors if vec_dim else None)
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

    def nll(self, em, tags, mask):
        """Mean negative log-likelihood; ``em`` [B,T,K], ``tags`` [B,T], ``mask`` [B,T] bool."""
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
        return (z - score).mean()


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


def train(args) -> dict:
    import torch

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    data = ner_data_dir()
    train_file = data / "anercorp" / "camel_train_approx.txt"
    if not train_file.exists():
        raise MarsadError(f"training data not found: {train_file} (needs ../shared)")
    sents = split_long(read_conll(train_file))
    if args.limit:
        sents = sents[: args.limit]
    cut = int(len(sents) * 0.9) if args.tune else len(sents)
    train_s, held = sents[:cut], sents[cut:]
    lexicon = ner.Lexicon.load(args.lexicon)
    featurizer = ner.Featurizer(lexicon)
    vocab, chars = make_vocab(train_s, args.min_count)
    vectors = None
    if args.vectors:
        vectors = ship_vectors(args.vectors, lexicon, args.vector_dim)
    encoder = nn_rt.Encoder(featurizer, vocab, chars, vectors)
    cluster_sizes = tuple(int(lexicon.ids[:, g].max()) + 1 for g in range(3)) if len(lexicon.words) else (1, 1, 1)
    net = build_model(len(vocab) + 2, len(chars) + 2, cluster_sizes, encoder.dim, args)
    crf = CRF()
    opt = torch.optim.Adam(list(net.parameters()) + crf.params(), lr=args.lr)
    print(f"neural: {len(train_s)} train sentences, vocab {len(vocab)}, chars {len(chars)}", flush=True)
    # pre-encode once; word dropout is applied to the id tensors per batch
    order = list(range(len(train_s)))
    t0 = time.time()
    history = []
    for epoch in range(1, args.epochs + 1):
        random.shuffle(order)
        # batches of similar length: less padding, less wasted LSTM work
        chunks = [order[i : i + args.batch * 20] for i in range(0, len(order), args.batch * 20)]
        batches = []
        for ch in chunks:
            ch = sorted(ch, key=lambda i: len(train_s[i][0]))
            batches += [ch[i : i + args.batch] for i in range(0, len(ch), args.batch)]
        random.shuffle(batches)
        total = 0.0
        lr = args.lr / (1 + args.decay * (epoch - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        for bidx in batches:
            feed, tags = tensors(encoder, [train_s[i] for i in bidx])
            if args.word_dropout:
                for key in ("words", "stems"):
                    drop = (torch.rand(feed[key].shape) < args.word_dropout) & (feed[key] > 0)
                    feed[key] = torch.where(drop, torch.ones_like(feed[key]), feed[key])
            mask = torch.arange(tags.shape[1]).unsqueeze(0) < feed["lengths"].unsqueeze(1)
            em = net.forward_padded(
                feed["words"], feed["stems"], feed["clusters"], feed["flags"], feed["chars"], feed["vectors"],
                feed["lengths"],
            )
            loss = crf.nll(em, tags, mask)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(net.parameters()) + crf.params(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(bidx)
        msg = f"epoch {epoch}: loss {total / len(train_s):.3f} ({time.time() - t0:.0f}s)"
        if held and (epoch % args.eval_every == 0 or epoch == args.epochs):
            trans, start, end = (x.detach().numpy().astype(np.float64) for x in crf.full())
            pred = decode_all(predict(net, crf, encoder, held), trans, start, end)
            res = score([t for _, t in held], pred)
            history.append((epoch, res["micro"]["f1"]))
            msg += f" held-out F1 {res['micro']['f1']} (P {res['micro']['precision']} R {res['micro']['recall']})"
        print(msg, flush=True)
    return {
        "net": net, "crf": crf, "encoder": encoder, "vocab": vocab, "chars": chars, "held": held, "history": history,
        "vectors": vectors,
    }


def ship_vectors(path: Path, lexicon: ner.Lexicon, dim: int) -> np.ndarray:
    """The news word vectors (``build/ner/vectors.npz``, from :func:`marsad.training.ner.news_vectors`)
    cut to their first ``dim`` SVD components, re-normalised and stored as int8, rows in lexicon order."""
    z = np.load(path)
    words = [str(w) for w in z["vocab"]]
    if words != lexicon.words:
        raise MarsadError(f"{path} was not built with the shipped lexicon's word list")
    v = z["vecs"][:, :dim].astype(np.float64)
    v /= np.linalg.norm(v, axis=1, keepdims=True) + 1e-9
    return np.round(v * nn_rt.VECTOR_SCALE).astype(np.int8)


def export(net, crf, vocab, chars, vectors, out_dir: Path, ensemble_weight: float, o_penalty: float = 0.0) -> None:
    export_members([(net, crf)], vocab, chars, vectors, out_dir, ensemble_weight, o_penalty)


def member_file(k: int) -> str:
    return nn_rt.ONNX_FILE if k == 0 else nn_rt.ONNX_FILE.replace(".onnx", f"_{k + 1}.onnx")


def export_members(
    members, vocab, chars, vectors, out_dir: Path, ensemble_weight: float, o_penalty: float = 0.0
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
    for k, (net, _) in enumerate(members):
        net.eval()
        torch.onnx.export(
            net, dummy, str(out_dir / member_file(k)), input_names=names, output_names=["emissions"],
            dynamic_axes=dyn, opset_version=17, dynamo=False,
        )
    full = [[x.detach().numpy().astype(np.float64) for x in crf.full()] for _, crf in members]
    trans, start, end = (np.mean([f[i] for f in full], axis=0) for i in range(3))
    meta = {
        "members": [member_file(k) for k in range(len(members))],
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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m marsad.training.ner_neural", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=ner.MODEL_DIR)
    p.add_argument("--lexicon", type=Path, default=ner.MODEL_DIR / ner.LEXICON_FILE)
    p.add_argument("--tune", action="store_true", help="train on 90%% of train, report on the last 10%%")
    p.add_argument("--save-emissions", type=Path, help="(--tune) write the held-out emissions here (npz)")
    p.add_argument("--epochs", type=int, default=16)
    p.add_argument("--eval-every", type=int, default=2)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--decay", type=float, default=0.05)
    p.add_argument("--word-dim", type=int, default=48)
    p.add_argument("--char-dim", type=int, default=24)
    p.add_argument("--char-filters", type=int, default=48)
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
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--members", type=int, default=1, help="networks to train (seeds seed, seed+1, …) and average")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--limit", type=int, default=0, help="first N sentences only (smoke tests)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
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
    if args.members > 1 and not args.tune:
        first = args.seed
        members = []
        for k in range(args.members):
            args.seed = first + k
            res = train(args)
            members.append((res["net"], res["crf"]))
        args.out.mkdir(parents=True, exist_ok=True)
        export_members(
            members, res["vocab"], res["chars"], res["vectors"], args.out, args.ensemble_weight, args.o_penalty
        )
        return 0
    res = train(args)
    if args.tune:
        if args.save_emissions:
            ems = predict(res["net"], res["crf"], res["encoder"], res["held"])
            trans, start, end = (x.detach().numpy().astype(np.float64) for x in res["crf"].full())
            np.savez(args.save_emissions, *ems, trans=trans, start=start, end=end)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    export(
        res["net"], res["crf"], res["vocab"], res["chars"], res["vectors"], args.out, args.ensemble_weight,
        args.o_penalty,
    )
    print(f"model: {args.out / nn_rt.ONNX_FILE} ({(args.out / nn_rt.ONNX_FILE).stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
