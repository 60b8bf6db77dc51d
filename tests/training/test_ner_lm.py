"""The news language model of the entity network (``marsad.training.ner_lm``) and the network's
``--lm`` option: a smoke test of pretraining on a tiny slice, the network with the LM exported
and run by the tagger's fast path, and the option off leaving the network as shipped."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from marsad.analyze import ner
from marsad.analyze import ner_neural as rt

try:
    from .test_ner_neural import NEWS, TRAIN, _needs
except ImportError:  # run as a plain module (rootdir on sys.path)
    from test_ner_neural import NEWS, TRAIN, _needs


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An LM pretrained on a few thousand news tokens (about 10 s on one thread)."""
    _needs(NEWS, "torch")
    from marsad.training import ner_lm

    out = tmp_path_factory.mktemp("lm") / "lm.pt"
    args = ["--limit-docs", "60", "--tokens", "4000", "--held", "20", "--hidden", "16", "--in-dim", "24",
            "--batch", "8", "--epochs", "3", "--lr", "0.01", "--report-every", "1000", "--out", str(out)]
    assert ner_lm.main(args) == 0
    return out


@pytest.mark.shared
@pytest.mark.slow
def test_lm_pretraining_smoke_learns_and_is_deterministic(tiny_lm: Path, tmp_path: Path) -> None:
    import torch

    from marsad.training import ner_lm

    blob = torch.load(tiny_lm, weights_only=True)
    assert blob["config"] == {"cluster_sizes": [64, 256, 1024], "vec_dim": 64, "in_dim": 24, "hidden": 16}
    again = tmp_path / "again.pt"
    args = ner_lm.parser().parse_args(
        ["--limit-docs", "60", "--tokens", "4000", "--held", "20", "--hidden", "16", "--in-dim", "24",
         "--batch", "8", "--epochs", "3", "--lr", "0.01", "--report-every", "1000", "--out", str(again)]
    )
    res = ner_lm.train(args)
    again_blob = torch.load(again, weights_only=True)
    assert all(torch.equal(blob["state"][k], again_blob["state"][k]) for k in blob["state"])
    # it learnt something: the held-out loss is below that of guessing the classes' frequencies
    lm, held = res["lm"], res["held"]
    loss, _ = ner_lm.evaluate(lm, held)
    prior = 0.0
    for g, k in zip(ner_lm.HEAD_GROUPS, (1025, 257), strict=True):
        counts = Counter(held.clusters[s, g].tolist() for sent in held.sents for s in sent)
        p = np.array([counts[c] for c in range(k)], dtype=float) + 1e-9
        p /= p.sum()
        prior += -(p * np.log(p)).sum()
    assert loss < prior / 2 + 0.5
    frozen = ner_lm.load_lm(tiny_lm)
    assert not any(p.requires_grad for p in frozen.parameters())


@pytest.mark.shared
def test_lm_states_see_only_their_side_of_the_sentence(tiny_lm: Path) -> None:
    """The forward half at t reads words ≤ t, the backward half words ≥ t (no peeking at the target)."""
    import torch

    from marsad.training import ner_lm

    lm = ner_lm.load_lm(tiny_lm)
    g = torch.Generator().manual_seed(0)
    clus = torch.randint(1, 60, (1, 9, rt.N_CLUSTERS), generator=g)
    vecs = torch.rand(1, 9, 128, generator=g)
    changed = clus.clone()
    changed[0, 4] = 0
    with torch.no_grad():
        a, b = (lm.states(lm.inputs(c, vecs)) for c in (clus, changed))
    h = lm.hidden
    assert torch.equal(a[0, :4, :h], b[0, :4, :h]) and not torch.equal(a[0, 4:, :h], b[0, 4:, :h])
    assert torch.equal(a[0, 5:, h:], b[0, 5:, h:]) and not torch.equal(a[0, :5, h:], b[0, :5, h:])


@pytest.mark.shared
@pytest.mark.slow
def test_network_with_the_lm_exports_one_graph_the_tagger_runs_fast(tiny_lm: Path, tmp_path: Path) -> None:
    _needs(TRAIN, "torch", "onnx")
    from marsad.analyze.ner_eval import read_conll, split_long
    from marsad.training import ner_neural

    vectors = ner_neural.REPO / "build" / "ner" / "vectors.npz"
    if not vectors.exists():
        pytest.skip("no cached news vectors (build/ner/vectors.npz; `marsad train ner-neural` builds them)")
    args = ner_neural.parser().parse_args(
        ["--limit", "60", "--epochs", "2", "--hidden", "8", "--proj", "12", "--eval-every", "100",
         "--lm", str(tiny_lm), "--vectors", str(vectors)]
    )
    res = ner_neural.train(args)
    ner_neural.export(res["net"], res["crf"], res["vocab"], res["chars"], res["vectors"], tmp_path, 0.6, 0.5)
    meta = json.loads(gzip.decompress((tmp_path / rt.META_FILE).read_bytes()))
    assert meta["vectors"]
    lexicon = ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE)
    tagger = ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, lexicon, tmp_path)
    # the graph was cut before both LSTMs: per-token states cached per word, as for the shipped network
    assert tagger.neural.mode == "split"
    sents = [toks for toks, _ in split_long(read_conll(TRAIN))[:40]]
    assert tagger.tag_sentences(sents) == tagger.tag_sentences_reference(sents)
    # the ONNX graph gives the torch network's emissions (eval mode, no padding)
    import torch

    batch = sents[:1]
    feed = res["encoder"].encode(batch)
    res["net"].eval()
    names = ("words", "stems", "clusters", "flags", "chars", "vectors")
    with torch.no_grad():
        want = res["net"](*(torch.from_numpy(feed[k]) for k in names))[0].numpy()
    got = tagger.neural.emissions(batch)[0]
    assert np.abs(got - want).max() < 1e-4


@pytest.mark.slow
def test_option_off_leaves_the_network_as_shipped(tmp_path: Path) -> None:
    """Without --lm the network has the shipped graph: exported at the default settings, its graph
    has the shipped file's inputs, nodes and weight shapes, and it holds no LM parameter."""
    torch = pytest.importorskip("torch", reason="torch not installed (pip install -e '.[train]')")
    onnx = pytest.importorskip("onnx", reason="onnx not installed (pip install -e '.[train]')")
    from marsad.training import ner_neural

    shipped = ner.MODEL_DIR / rt.ONNX_FILE
    if not shipped.exists():
        pytest.skip("no neural model shipped")
    args = ner_neural.parser().parse_args([])
    assert args.lm is None
    meta = json.loads(gzip.decompress((ner.MODEL_DIR / rt.META_FILE).read_bytes()))
    vectors = np.load(ner.MODEL_DIR / rt.VECTORS_FILE)
    torch.manual_seed(0)
    net = ner_neural.build_model(len(meta["vocab"]) + 2, len(meta["chars"]) + 2, (64, 256, 1024),
                                 vectors.shape[1], args)
    assert not any(name.startswith("lm.") for name, _ in net.named_parameters())
    assert net.lstm.input_size == args.proj
    ner_neural.export(net, ner_neural.CRF(), meta["vocab"], meta["chars"], vectors, tmp_path, 0.6, 0.5)

    def shape(path: Path) -> tuple:
        g = onnx.load(str(path)).graph
        # Concat left out: the shipped file predates --char-widths, whose concatenation of the one
        # char-CNN width is a no-op node more
        return (
            [i.name for i in g.input],
            Counter(n.op_type for n in g.node if n.op_type != "Concat"),
            sorted(tuple(i.dims) for i in g.initializer),
        )

    assert shape(tmp_path / rt.ONNX_FILE) == shape(shipped)
