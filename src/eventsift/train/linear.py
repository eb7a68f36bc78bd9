"""One way to fit the linear models that ship as plain arrays (framing sentences and spans, event types)."""
from __future__ import annotations

from pathlib import Path


def fit_linear(X: list[dict], y: list, C: float, out: Path | None = None, extra: dict | None = None):
    """A logistic regression on feature dicts, as (vocabulary, coef, intercept, classes), saved to ``out``
    as plain arrays when given (what the run-time stages load without scikit-learn), with ``extra`` arrays
    (decoding settings) beside them."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(dtype=np.float64)
    matrix = vec.fit_transform(X)
    lr = LogisticRegression(C=C, max_iter=2000).fit(matrix, y)
    names = vec.get_feature_names_out()
    vocab = {str(w): i for i, w in enumerate(names)}
    coef, intercept, classes = lr.coef_.astype(np.float32), lr.intercept_.astype(np.float32), list(lr.classes_)
    if out is not None:
        np.savez_compressed(out, vocab=np.array(names, dtype=str), coef=coef, intercept=intercept,
                            classes=np.array([str(c) for c in classes], dtype=str),
                            **{k: np.array(v) for k, v in (extra or {}).items()})
    return vocab, coef.astype(np.float64), intercept.astype(np.float64), classes
