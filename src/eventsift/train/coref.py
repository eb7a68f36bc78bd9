"""Coreference scores as the CoNLL-2012 scorer defines them: MUC, B-cubed, CEAF-e and their mean (CoNLL F1).

``key`` and ``response`` map a mention (any hashable) to its cluster; they may hold different mentions
(predicted mentions): a response mention not in the key counts against precision, a key mention the
response lacks against recall, as in the reference scorer.
"""
from __future__ import annotations

from collections import defaultdict


def _clusters(assign: dict) -> list[set]:
    groups = defaultdict(set)
    for mention, cluster in assign.items():
        groups[cluster].add(mention)
    return list(groups.values())


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def bcubed(key: dict, response: dict) -> dict:
    k_of = {m: c for c in _clusters(key) for m in c}
    r_of = {m: c for c in _clusters(response) for m in c}
    p = sum(len(r_of[m] & k_of.get(m, set())) / len(r_of[m]) for m in r_of)
    r = sum(len(k_of[m] & r_of.get(m, set())) / len(k_of[m]) for m in k_of)
    return _prf(p, len(r_of), r, len(k_of))


def _muc_side(a: list[set], b_of: dict) -> tuple[float, float]:
    num = den = 0
    for cluster in a:
        parts = {b_of.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: dict, response: dict) -> dict:
    kc, rc = _clusters(key), _clusters(response)
    r_num, r_den = _muc_side(kc, {m: i for i, c in enumerate(rc) for m in c})
    p_num, p_den = _muc_side(rc, {m: i for i, c in enumerate(kc) for m in c})
    return _prf(p_num, p_den, r_num, r_den)


def ceafe(key: dict, response: dict) -> dict:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    kc, rc = _clusters(key), _clusters(response)
    if not kc or not rc:
        return _prf(0, len(rc), 0, len(kc))
    r_index = defaultdict(list)
    for j, c in enumerate(rc):
        for m in c:
            r_index[m].append(j)
    sim = np.zeros((len(kc), len(rc)))
    for i, c in enumerate(kc):
        for j in {j for m in c for j in r_index.get(m, [])}:
            sim[i, j] = 2 * len(c & rc[j]) / (len(c) + len(rc[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(rc), total, len(kc))


def conll(key: dict, response: dict) -> dict:
    scores = {"muc": muc(key, response), "bcubed": bcubed(key, response), "ceafe": ceafe(key, response)}
    scores["conll_f1"] = sum(s["f1"] for s in scores.values()) / 3
    return scores
