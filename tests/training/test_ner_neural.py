"""Smoke test of the neural entity trainer on a tiny slice (needs the `train` extra: torch)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from marsad.analyze import ner

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
TRAIN = SHARED / "data" / "ner" / "anercorp" / "camel_train_approx.txt"
NEWS = SHARED / "data" / "news" / "saudinewsnet"


def _needs(data: Path | None, *modules: str) -> None:
    """Skip, saying why, without ``data`` (in ../shared) or one of the training extra's ``modules``."""
    if data is not None and not data.exists():
        pytest.skip("../shared absent")
    for module in modules:
        pytest.importorskip(module, reason=f"{module} not installed (pip install -e '.[train]')")


@pytest.mark.shared
@pytest.mark.slow
def test_neural_training_smoke_exports_a_model_the_tagger_runs(tmp_path: Path) -> None:
    _needs(TRAIN, "torch", "onnx")
    from marsad.analyze.ner_eval import read_conll, score, split_long
    from marsad.training import ner_neural

    args = ["--out", str(tmp_path), "--limit", "120", "--epochs", "8", "--hidden", "32", "--proj", "48", "--lr", "0.01"]
    # the news vectors take ~15 min to build: use them only when a training run left them cached
    vectors = ner_neural.REPO / "build" / "ner" / "vectors.npz"
    args += ["--vectors", str(vectors)] if vectors.exists() else ["--no-vectors"]
    assert ner_neural.main(args + ["--eval-every", "100", "--dropout", "0.1"]) == 0
    assert (tmp_path / "ner_neural.onnx").exists() and (tmp_path / "ner_neural.json.gz").exists()
    lexicon = ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE)
    tagger = ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, lexicon, tmp_path)
    assert tagger.neural is not None
    sents = split_long(read_conll(TRAIN))[:120]
    tagger.neural.weight = 1.0  # the network alone: it must have learnt its own training data
    pred = tagger.tag_sentences([toks for toks, _ in sents])
    assert score([t for _, t in sents], pred)["micro"]["f1"] > 20


def _tiny_nets(k: int, widths: str = "3"):
    torch = pytest.importorskip("torch", reason="torch not installed (pip install -e '.[train]')")
    from marsad.training import ner_neural

    args = ner_neural.parser().parse_args(
        ["--hidden", "6", "--proj", "10", "--word-dim", "5", "--char-dim", "4", "--char-filters", "3",
         "--char-widths", widths]
    )
    torch.manual_seed(0)
    nets = [ner_neural.build_model(40, 12, (3, 4, 5), 0, args) for _ in range(k)]
    for net in nets:
        net.eval()
    return torch, nets


def _inputs(torch, b: int = 3, t: int = 7):
    from marsad.analyze import ner_neural as rt

    g = torch.Generator().manual_seed(1)
    return (
        torch.randint(0, 40, (b, t), generator=g),
        torch.randint(0, 40, (b, t), generator=g),
        torch.randint(0, 4, (b, t, rt.N_CLUSTERS), generator=g),
        (torch.rand(b, t, rt.N_FLAGS, generator=g) > 0.7).float(),
        torch.randint(0, 12, (b, t, rt.MAX_CHARS), generator=g),
    )


def test_merged_members_give_the_mean_of_their_emissions() -> None:
    torch, nets = _tiny_nets(3, widths="3,2")
    from marsad.training import ner_neural

    merged = ner_neural.merge(nets)
    merged.eval()
    x = _inputs(torch)
    with torch.no_grad():
        want = sum(net(*x) for net in nets) / len(nets)
        got = merged(*x)
    assert got.shape == want.shape
    assert float((got - want).abs().max()) < 1e-5
    assert len([m for m in merged.modules() if isinstance(m, torch.nn.LSTM)]) == 4  # 3 unused + 1 merged


def test_exported_members_run_in_onnxruntime_as_one_graph(tmp_path: Path) -> None:
    torch, nets = _tiny_nets(2)
    pytest.importorskip("onnx", reason="onnx not installed (pip install -e '.[train]')")
    import onnxruntime as ort

    from marsad.analyze import ner_neural as rt
    from marsad.training import ner_neural

    members = [(net, ner_neural.CRF()) for net in nets]
    vocab, chars = [f"w{i}" for i in range(38)], [chr(0x627 + i) for i in range(10)]
    ner_neural.export_members(members, vocab, chars, None, tmp_path, 0.5, 0.25)
    x = _inputs(torch)
    with torch.no_grad():
        want = (sum(net(*x) for net in nets) / 2).numpy()
    names = ["words", "stems", "clusters", "flags", "chars"]

    def run() -> np.ndarray:
        session = ort.InferenceSession(str(tmp_path / rt.ONNX_FILE), providers=["CPUExecutionProvider"])
        assert [i.name for i in session.get_inputs()] == names
        assert [o.name for o in session.get_outputs()] == ["emissions"]
        return session.run(None, {n: v.numpy() for n, v in zip(names, x, strict=True)})[0]

    assert np.abs(run() - want).max() < 1e-5
    import onnx

    ner_neural.halve_embedding_tables(tmp_path / rt.ONNX_FILE, min_size=100)
    halved = [i for i in onnx.load(str(tmp_path / rt.ONNX_FILE)).graph.initializer if i.data_type == 10]
    assert len(halved) == 4  # each member's word table and largest cluster table
    # float16 tables: small differences, nowhere near a change of label
    assert np.abs(run() - want).max() < 1e-2
    import gzip
    import json

    meta = json.loads(gzip.decompress((tmp_path / rt.META_FILE).read_bytes()))
    assert meta["members"] == [rt.ONNX_FILE] and meta["ensemble_weight"] == 0.5 and meta["o_penalty"] == 0.25


# --- self-training on pseudo-labelled news ---------------------------------------------------

PSEUDO_FILE = """\
زار O O O
سالم B-PERS B-PERS B-PERS
الرميثي I-PERS I-PERS I-PERS
مدينة O O O
نخلة B-LOC B-LOC O

افتتحت O O O
شركة B-ORG B-ORG B-ORG
الوادي I-ORG I-ORG I-ORG
فرعها O O O
"""


def test_read_pseudo_keeps_the_teachers_tags_and_filters_disagreement(tmp_path: Path) -> None:
    from marsad.training.ner_neural import read_pseudo

    path = tmp_path / "pseudo.txt"
    path.write_text(PSEUDO_FILE, encoding="utf-8")  # no blank line after the last sentence
    every = read_pseudo(path)
    assert [toks[1] for toks, _ in every] == ["سالم", "شركة"]
    assert every[0][1] == ["O", "B-PERS", "I-PERS", "O", "B-LOC"]
    # the network half left نخلة untagged: that sentence goes under "agree"
    assert [toks[0] for toks, _ in read_pseudo(path, "agree")] == ["افتتحت"]


def test_weighted_crf_loss_scales_each_sentence() -> None:
    torch = pytest.importorskip("torch", reason="torch not installed (pip install -e '.[train]')")
    from marsad.training.ner_neural import CRF

    crf = CRF()
    g = torch.Generator().manual_seed(3)
    em = torch.randn(2, 4, 9, generator=g)
    tags = torch.tensor([[0, 1, 2, 0], [0, 0, 3, 4]])
    mask = torch.tensor([[True] * 4, [True, True, True, False]])
    plain = crf.nll(em, tags, mask)
    assert torch.allclose(crf.nll(em, tags, mask, torch.ones(2)), plain)
    one = crf.nll(em[:1], tags[:1], mask[:1])
    # weight 0 on the second sentence leaves half the first one's loss (the mean is over the batch)
    assert torch.allclose(crf.nll(em, tags, mask, torch.tensor([1.0, 0.0])), one / 2)


@pytest.mark.shared
def test_news_sentences_are_distinct_tokenised_and_reproducible() -> None:
    _needs(NEWS)
    from marsad.training.ner_neural import news_sentences

    sents = news_sentences(40, stride=64)
    assert len(sents) == 40 and len({" ".join(s) for s in sents}) == 40
    assert all(6 <= len(s) <= 60 for s in sents)
    assert news_sentences(40, stride=64) == sents


@pytest.mark.shared
@pytest.mark.slow
def test_training_with_pseudo_labels_runs_and_stays_deterministic(tmp_path: Path) -> None:
    _needs(TRAIN, "torch")
    from marsad.training import ner_neural

    path = tmp_path / "pseudo.txt"
    path.write_text(PSEUDO_FILE, encoding="utf-8")
    base = ["--tune", "--limit", "60", "--epochs", "2", "--hidden", "8", "--proj", "12", "--no-vectors",
            "--pseudo", str(path), "--pseudo-per-epoch", "1", "--pseudo-weight", "0.5"]
    runs = []
    for k in range(2):
        out = tmp_path / f"em{k}.npz"
        assert ner_neural.main(base + ["--save-emissions", str(out)]) == 0
        z = np.load(out)
        runs.append([z[f] for f in sorted(z.files)])
    assert all(np.array_equal(a, b) for a, b in zip(*runs, strict=True))


@pytest.mark.shared
@pytest.mark.slow
def test_self_train_labels_news_with_the_teacher_then_trains_the_student(tmp_path: Path) -> None:
    _needs(NEWS, "torch", "onnx")
    from marsad.training import ner_neural

    labels = tmp_path / "pseudo.txt"
    args = ["--tune", "--limit", "60", "--epochs", "1", "--hidden", "8", "--proj", "12", "--no-vectors",
            "--self-train", "--pseudo-out", str(labels), "--pseudo-sents", "30", "--pseudo-per-epoch", "10",
            "--save-emissions", str(tmp_path / "em.npz")]
    assert ner_neural.main(args) == 0
    pseudo = ner_neural.read_pseudo(labels)
    assert [toks for toks, _ in pseudo] == ner_neural.news_sentences(30)
    assert all(len(toks) == len(tags) for toks, tags in pseudo)
    assert (tmp_path / "em.npz").exists()
