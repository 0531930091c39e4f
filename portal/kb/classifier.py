"""Which article a question is about, learned at build time from the knowledge base's own texts.

Every article is a class. Its training texts are our own: the statute text with its chapter and
section titles, its plain-language explanation and the ways people ask about it
(knowledge_base/explanations) and its example questions (knowledge_base/questions): 22 to 30
per Civil Code article. The model is multinomial logistic regression over jieba words and
character bigrams (TF-IDF, sublinear, L2-normalised), fitted by mini-batch gradient descent with
AdaGrad in NumPy. Where BM25 adds up every matching word, the model has learned which words tell
an article apart from its neighbours (供气 → the gas-supply article 656, 搜身 → 1011 on searches),
so the two disagree usefully; the rerank adds the model's confidence to the BM25 score
(rerank.py). Never trained on evaluation questions; saved beside the index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from portal.kb.analysis import bigrams, words

MODEL = "classifier.npz"
EPOCHS = 8
LEARNING_RATE = 0.5
BATCH = 256
SEED = 2026
# Weights nearer zero than this are dropped when saving: all but about 1.5 % of them, with no loss
# on the benchmark (bench/README.md), which keeps the model a few MB on disk and in memory.
KEEP = 0.2


def features(text: str) -> Counter[str]:
    """Jieba words and character bigrams (marked with #, so 借款 the word and 借款 the pair differ)."""
    return Counter([w for w, _, _ in words(text)] + ["#" + b for b, _, _ in bigrams(text)])


def training_examples(documents: Iterable[Mapping]) -> tuple[list[str], list[str]]:
    """(texts, document ids): each article's statute text, explanation, asks and questions."""
    texts, labels = [], []
    for doc in documents:
        if doc.get("kind") != "article":
            continue
        statute = "\n".join(filter(None, (doc.get("chapter"), doc.get("section"), doc.get("text"))))
        lines = [statute, doc.get("plain") or ""]
        lines += (doc.get("asks") or "").split("\n") + (doc.get("questions") or "").split("\n")
        for line in filter(str.strip, lines):
            texts.append(line)
            labels.append(f"article/{doc['law']}/{doc['number']}")
    return texts, labels


def tfidf(counts: Counter[str], vocabulary: Mapping[str, int],
          idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns of the known features of a text and their TF-IDF values, L2-normalised."""
    known = [(vocabulary[f], n) for f, n in counts.items() if f in vocabulary]
    columns = np.array([c for c, _ in known], dtype=np.int64)
    values = np.array([1.0 + math.log(n) for _, n in known], dtype=np.float32) * idf[columns]
    norm = float(np.linalg.norm(values))
    return columns, values / norm if norm else values


@dataclass
class ArticleClassifier:
    """Sparse weights: feature → (classes, weights), plus each class's bias and document id."""

    ids: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    bias: np.ndarray
    offsets: np.ndarray  # feature f's weights are classes[offsets[f]:offsets[f + 1]]
    classes: np.ndarray
    weights: np.ndarray

    def scores(self, text: str) -> np.ndarray:
        """Every class's score (log-odds up to a constant) for a text."""
        return self._scores(*tfidf(features(text), self.vocabulary, self.idf))

    def _scores(self, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
        total = self.bias.copy()
        for column, value in zip(columns, values):
            start, end = self.offsets[column], self.offsets[column + 1]
            total[self.classes[start:end]] += value * self.weights[start:end]
        return total

    def affinity(self, text: str, temperature: float) -> dict[str, float]:
        """document id → exp((score - best) / temperature): 1 for the likeliest article, less
        for the rest; empty when the text has no word the model knows."""
        columns, values = tfidf(features(text), self.vocabulary, self.idf)
        if not len(columns):
            return {}
        scores = self._scores(columns, values)
        spread = np.exp((scores - scores.max()) / max(temperature, 1e-6))
        return dict(zip(self.ids, spread.tolist()))

    def save(self, path: Path) -> None:
        """Write the model as one compressed NumPy archive (no pickles)."""
        features_by_column = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, ids=np.array(self.ids), features=np.array(features_by_column),
                            idf=self.idf, bias=self.bias, offsets=self.offsets,
                            classes=self.classes, weights=self.weights)

    @classmethod
    def load(cls, path: Path) -> ArticleClassifier | None:
        """The model saved in a file, or None when there is none."""
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as data:
            return cls(ids=data["ids"].tolist(),
                       vocabulary={f: i for i, f in enumerate(data["features"].tolist())},
                       idf=data["idf"], bias=data["bias"], offsets=data["offsets"],
                       classes=data["classes"], weights=data["weights"])


def _design(texts: list[str]) -> tuple[dict[str, int], np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Vocabulary (features in two texts or more), IDF and each text's normalised TF-IDF row."""
    counted = [features(t) for t in texts]
    document_frequency = Counter(f for counts in counted for f in counts)
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in document_frequency.items() if n >= 2))}
    idf = np.zeros(len(vocabulary), dtype=np.float32)
    for feature, column in vocabulary.items():
        idf[column] = math.log((1 + len(texts)) / (1 + document_frequency[feature])) + 1.0
    return vocabulary, idf, [tfidf(counts, vocabulary, idf) for counts in counted]


def _fit(rows: list[tuple[np.ndarray, np.ndarray]], labels: np.ndarray, n_features: int,
         n_classes: int, epochs: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by AdaGrad over mini-batches; each batch made dense over its own features."""
    weights = np.zeros((n_features, n_classes), dtype=np.float32)
    bias = np.zeros(n_classes, dtype=np.float32)
    squares = np.full((n_features, n_classes), 1e-6, dtype=np.float32)
    bias_squares = np.full(n_classes, 1e-6, dtype=np.float32)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(rows))
        for start in range(0, len(rows), BATCH):
            batch = order[start:start + BATCH]
            used = np.unique(np.concatenate([rows[i][0] for i in batch]))
            dense = np.zeros((len(batch), len(used)), dtype=np.float32)
            for r, i in enumerate(batch):
                dense[r, np.searchsorted(used, rows[i][0])] = rows[i][1]
            local = weights[used]  # gathered once: fancy indexing copies, and the rows are large
            logits = dense @ local + bias
            logits -= logits.max(axis=1, keepdims=True)
            error = np.exp(logits)
            error /= error.sum(axis=1, keepdims=True)
            error[np.arange(len(batch)), labels[batch]] -= 1.0
            gradient = dense.T @ error / len(batch)
            bias_gradient = error.mean(axis=0)
            local_squares = squares[used] + gradient * gradient
            squares[used] = local_squares
            weights[used] = local - LEARNING_RATE * gradient / np.sqrt(local_squares)
            bias_squares += bias_gradient * bias_gradient
            bias -= LEARNING_RATE * bias_gradient / np.sqrt(bias_squares)
    return weights, bias


def train(documents: Iterable[Mapping], *, epochs: int = EPOCHS,
          seed: int = SEED) -> ArticleClassifier | None:
    """A model of the articles among the documents; None with fewer than two articles to tell apart."""
    texts, labels = training_examples(documents)
    ids = sorted(set(labels))
    if len(ids) < 2:
        return None
    vocabulary, idf, rows = _design(texts)
    index = {doc_id: i for i, doc_id in enumerate(ids)}
    weights, bias = _fit(rows, np.array([index[label] for label in labels]), len(vocabulary), len(ids),
                         epochs, seed)
    kept = np.abs(weights) >= KEEP
    columns, classes = np.nonzero(kept)  # row-major: grouped by feature, as offsets needs
    offsets = np.searchsorted(columns, np.arange(len(vocabulary) + 1)).astype(np.int64)
    return ArticleClassifier(ids, vocabulary, idf, bias, offsets, classes.astype(np.int32),
                             weights[kept].astype(np.float32))
