"""Pretrain a small bidirectional language model on the shared news for the entity network
(``python -m marsad.training.ner_lm``).

ELMo-style contextual features, sized for one CPU thread: a word-level LSTM read left to right
predicts the next word's word cluster, one read right to left the previous word's (the shipped
lexicon's 1,024- and 256-cluster ids as two softmax heads: a few hundred classes instead of a
100,000-word softmax).  Its input per token is exactly what the entity network already gets
(:class:`marsad.analyze.ner_neural.Encoder`): the int8 news vectors of word and stem
(``ner_vectors.npy``) and their three cluster ids, so the runtime needs no new input and the
package no new table.  The hidden states of both directions, frozen, are then extra inputs of
the BiLSTM-CRF (``python -m marsad.training.ner_neural --lm FILE``).

Text: SaudiNewsNet sentences, tokenised as the tagger tokenises articles
(:func:`marsad.training.ner_neural.news_sentences`, in their fixed CRC order); SANAD is left out
because its punctuation was stripped, so it has no sentences.  Needs the ``train`` extra (torch)
and ``../shared``.  Deterministic: fixed seed, one thread, ``torch.use_deterministic_algorithms``.
Writes one file (``build/ner/lm/lm.pt``: settings and weights).  The defaults are the run measured
in docs/benchmarks.md (all 5.4M news tokens twice, 32 min on one thread); the network with it was not
shipped (CAMeL test 73.76 against 73.83).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path

import numpy as np

from marsad.analyze import ner
from marsad.analyze import ner_neural as nn_rt
from marsad.errors import MarsadError
from marsad.training.ner import REPO
from marsad.training.ner_neural import CLUSTER_DIMS

DEFAULT_OUT = REPO / "build" / "ner" / "lm" / "lm.pt"
# the LM input columns of the tagger's "clusters" input: word c0 c1 c2, stem c0 c1 c2 (0 = none)
HEAD_GROUPS = (2, 1)  # the word's 1,024-cluster id, then its 256-cluster id, are the targets


def build_lm(cluster_sizes: tuple[int, ...], vec_dim: int, in_dim: int, hidden: int):
    """The language model: per-token input layer, one bidirectional LSTM layer (its two directions
    are the forward and the backward LM, independent of each other), and the cluster heads shared
    by both directions (as ELMo shares its softmax)."""
    import torch
    from torch import nn

    class LM(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.config = {
                "cluster_sizes": list(cluster_sizes), "vec_dim": vec_dim, "in_dim": in_dim, "hidden": hidden,
            }
            self.clus = nn.ModuleList(
                nn.Embedding(k + 1, d, padding_idx=0) for k, d in zip(cluster_sizes, CLUSTER_DIMS, strict=True)
            )
            self.proj = nn.Linear(2 * vec_dim + 2 * sum(CLUSTER_DIMS), in_dim)
            self.lstm = nn.LSTM(in_dim, hidden, batch_first=True, bidirectional=True)
            self.heads = nn.ModuleList(nn.Linear(hidden, cluster_sizes[g] + 1) for g in HEAD_GROUPS)

        @property
        def hidden(self) -> int:
            return self.lstm.hidden_size

        def inputs(self, clusters, vectors, drop: float = 0.0):
            """Per-token input [B, T, in_dim] from the tagger's ``clusters`` [B, T, 6] and ``vectors``
            [B, T, 2 * vec_dim] inputs."""
            parts = [vectors]
            for g in range(3):
                parts.append(self.clus[g](clusters[:, :, g]))
                parts.append(self.clus[g](clusters[:, :, 3 + g]))
            x = torch.cat(parts, dim=-1)
            if drop:
                x = nn.functional.dropout(x, drop, training=True)
            return torch.tanh(self.proj(x))

        def states(self, x, lengths=None):
            """[B, T, 2 * hidden]: forward LM state at t (words ≤ t), backward LM state at t (words ≥ t)."""
            if lengths is None:
                return self.lstm(x)[0]
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            return nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])[0]

        def loss(self, clusters, vectors, lengths, drop: float = 0.0):
            """Mean cross-entropy of both heads, both directions; (loss, 1,024-cluster accuracy)."""
            h = self.states(self.inputs(clusters, vectors, drop), lengths)
            if drop:
                h = nn.functional.dropout(h, drop, training=True)
            hf, hb = h[:, :-1, : self.hidden], h[:, 1:, self.hidden :]
            t = clusters.shape[1]
            valid = (torch.arange(t).unsqueeze(0) < lengths.unsqueeze(1))[:, 1:]  # pairs (t, t+1) in the sentence
            total, right, n = 0.0, 0, int(valid.sum())
            for k, (head, g) in enumerate(zip(self.heads, HEAD_GROUPS, strict=True)):
                nxt, prev = clusters[:, 1:, g], clusters[:, :-1, g]
                for state, target in ((hf, nxt), (hb, prev)):
                    logits = head(state[valid])
                    total = total + nn.functional.cross_entropy(logits, target[valid])
                    if k == 0:
                        right += int((logits.argmax(-1) == target[valid]).sum())
            return total / (2 * len(self.heads)), right / max(1, 2 * n)

    return LM()


def load_lm(path: Path):
    """The pretrained LM of ``path``, frozen and in eval mode."""
    import torch

    blob = torch.load(path, map_location="cpu", weights_only=True)
    c = blob["config"]
    lm = build_lm(tuple(c["cluster_sizes"]), int(c["vec_dim"]), int(c["in_dim"]), int(c["hidden"]))
    lm.load_state_dict(blob["state"])
    lm.eval()
    for p in lm.parameters():
        p.requires_grad_(False)
    return lm


class NewsCorpus:
    """News sentences as rows of a table of distinct tokens: each token's tagger inputs (cluster ids,
    lexicon ranks for the vectors) are computed once, by the tagger's own :class:`Encoder`."""

    def __init__(self, sents: list[list[str]], encoder: nn_rt.Encoder) -> None:
        index: dict[str, int] = {}
        self.sents = [np.array([index.setdefault(t, len(index)) for t in s], dtype=np.int64) for s in sents]
        clus = np.zeros((len(index), nn_rt.N_CLUSTERS), dtype=np.int64)
        ranks = np.full((len(index), 2), -1, dtype=np.int64)
        for tok, i in index.items():
            # own=(): the CRF's flags are not LM inputs, so skip computing them
            _, _, c, _, _, r = encoder.word_values(tok, own=())
            clus[i] = c
            ranks[i] = r
        self.clusters = clus
        vec = encoder.vectors
        self._vectors = np.concatenate([vec, np.zeros((1, vec.shape[1]), dtype=vec.dtype)]).astype(np.float32)
        self._vectors /= nn_rt.VECTOR_SCALE
        self.ranks = np.where(ranks >= 0, ranks, len(vec))
        self.dim = vec.shape[1]
        lex = encoder.featurizer.lexicon
        # as the tagger counts them (marsad.training.ner_neural.train)
        self.cluster_sizes = tuple(int(lex.ids[:, g].max()) + 1 for g in range(3))

    @property
    def tokens(self) -> int:
        return sum(len(s) for s in self.sents)

    def batch(self, idx: list[int]):
        """(clusters, vectors, lengths) tensors for sentences ``idx``, padded to the longest."""
        import torch

        lengths = np.array([len(self.sents[i]) for i in idx], dtype=np.int64)
        rows = np.zeros((len(idx), int(lengths.max())), dtype=np.int64)
        valid = np.zeros(rows.shape, dtype=bool)
        for j, i in enumerate(idx):
            rows[j, : lengths[j]] = self.sents[i]
            valid[j, : lengths[j]] = True
        clus = np.where(valid[:, :, None], self.clusters[rows], 0)
        vecs = self._vectors[self.ranks[rows]].reshape(len(idx), rows.shape[1], 2 * self.dim)
        vecs[~valid] = 0.0
        return torch.from_numpy(clus), torch.from_numpy(vecs), torch.from_numpy(lengths)


def corpus(tokens: int, held_sents: int, limit_docs: int = 0) -> tuple[NewsCorpus, NewsCorpus]:
    """(train, held-out) news sentences: the first ``held_sents`` of the fixed CRC order are held
    out, then sentences up to ``tokens`` tokens (0: all) for training."""
    from marsad.training.ner_neural import news_sentences

    lexicon = ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE)
    vectors = np.load(ner.MODEL_DIR / nn_rt.VECTORS_FILE)
    encoder = nn_rt.Encoder(ner.Featurizer(lexicon), [], [], vectors)
    sents = news_sentences(None, stride=1, limit_docs=limit_docs)
    held, rest = sents[:held_sents], sents[held_sents:]
    train, n = [], 0
    for s in rest:
        if tokens and n >= tokens:
            break
        train.append(s)
        n += len(s)
    if tokens and n < tokens:
        print(f"lm: only {n} news tokens for the {tokens} asked", flush=True)
    return NewsCorpus(train, encoder), NewsCorpus(held, encoder)


def batches(data: NewsCorpus, batch: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (less padding)."""
    order = list(range(len(data.sents)))
    rng.shuffle(order)
    out = []
    for i in range(0, len(order), batch * 20):
        chunk = sorted(order[i : i + batch * 20], key=lambda j: len(data.sents[j]))
        out += [chunk[k : k + batch] for k in range(0, len(chunk), batch)]
    rng.shuffle(out)
    return out


def evaluate(lm, data: NewsCorpus, batch: int = 64) -> tuple[float, float]:
    import torch

    lm.eval()
    total = acc = 0.0
    n = 0
    with torch.no_grad():
        for i in range(0, len(data.sents), batch):
            idx = list(range(i, min(i + batch, len(data.sents))))
            loss, a = lm.loss(*data.batch(idx))
            total += float(loss) * len(idx)
            acc += a * len(idx)
            n += len(idx)
    lm.train()
    return total / max(1, n), acc / max(1, n)


def train(args) -> dict:
    import torch

    from marsad.training.ner_neural import deterministic_torch

    deterministic_torch(args.seed, args.threads)
    t0 = time.time()
    data, held = corpus(args.tokens, args.held, args.limit_docs)
    print(
        f"lm: {len(data.sents)} sentences, {data.tokens} tokens; held-out {len(held.sents)} sentences "
        f"({time.time() - t0:.0f}s)",
        flush=True,
    )
    lm = build_lm(data.cluster_sizes, data.dim, args.in_dim, args.hidden)
    opt = torch.optim.Adam(lm.parameters(), lr=args.lr)
    rng = random.Random(args.seed)
    plan = [b for _ in range(args.epochs) for b in batches(data, args.batch, rng)]
    t1 = time.time()
    seen = last_report = 0
    run_loss = 0.0
    for k, idx in enumerate(plan):
        # linear decay to a tenth of the rate over the run
        for g in opt.param_groups:
            g["lr"] = args.lr * (1 - 0.9 * k / len(plan))
        clus, vecs, lengths = data.batch(idx)
        loss, _ = lm.loss(clus, vecs, lengths, args.dropout)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(lm.parameters(), 1.0)
        opt.step()
        steps = k + 1
        seen += int(lengths.sum())
        run_loss += float(loss.detach())
        if steps % args.report_every == 0 or k == len(plan) - 1:
            dt = time.time() - t1
            since = steps - last_report
            msg = f"step {steps}/{len(plan)}: loss {run_loss / since:.3f}, {seen} tokens, {seen / dt:.0f} tokens/s"
            run_loss, last_report = 0.0, steps
            if held.sents and (steps % (args.report_every * 10) == 0 or k == len(plan) - 1):
                hl, ha = evaluate(lm, held)
                msg += f"; held-out loss {hl:.3f} (perplexity {math.exp(hl):.1f}), 1,024-cluster accuracy {ha:.3f}"
            print(msg, flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"config": lm.config, "state": lm.state_dict()}, args.out)
        print(f"lm: {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {time.time() - t0:.0f}s)", flush=True)
    return {"lm": lm, "data": data, "held": held}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m marsad.training.ner_lm", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--tokens", type=int, default=0, help="news tokens to train on (0: all, 5.4M)")
    p.add_argument("--held", type=int, default=1000, help="news sentences held out (loss, accuracy)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=32, help="sentences per batch")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--in-dim", type=int, default=128)
    p.add_argument("--hidden", type=int, default=128, help="LSTM units per direction")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--report-every", type=int, default=50)
    p.add_argument("--limit-docs", type=int, default=0, help="read only the first N news articles (smoke tests)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise MarsadError(f"LM pretraining needs the train extra (pip install -e '.[train]'): {exc}") from exc
    if not (ner.MODEL_DIR / nn_rt.VECTORS_FILE).exists():
        raise MarsadError(f"news vectors not found: {ner.MODEL_DIR / nn_rt.VECTORS_FILE}")
    train(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
