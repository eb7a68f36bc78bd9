"""Calendar arithmetic on TIMEX3 values: shift a point by n units and write it at a granularity.

A resolved point is a ``Point(date, grain)``: the first day it covers and its
granularity (D day, W week, M month, Q quarter, H half, Y year, DE decade, CE century).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

SEASON_MONTH = {"WI": 1, "SP": 4, "SU": 7, "FA": 10}


@dataclass(frozen=True)
class Point:
    day: date
    grain: str

    @property
    def value(self) -> str:
        return write(self.day, self.grain)


def write(d: date, grain: str) -> str:
    """The TIMEX3 value of the period of granularity ``grain`` that holds ``d``."""
    if grain == "D":
        return d.isoformat()
    if grain == "W":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if grain == "WE":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if grain == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if grain == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if grain == "Y":
        return f"{d.year:04d}"
    if grain == "DE":
        return f"{d.year // 10:03d}"
    if grain == "CE":
        return f"{d.year // 100:02d}"
    raise ValueError(grain)


def add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    year = d.year + m // 12
    if not 1 <= year <= 9999:
        return d
    return date(year, m % 12 + 1, 1)


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (months and longer move to the first day of the month)."""
    try:
        if unit == "D":
            return d + timedelta(days=n)
        if unit in ("W", "WE"):
            return d + timedelta(weeks=n)
        if unit == "FN":
            return d + timedelta(weeks=2 * n)
        if unit == "M":
            return add_months(d, n)
        if unit == "Q":
            return add_months(d, 3 * n)
        if unit == "H":
            return add_months(d, 6 * n)
        if unit == "Y":
            return add_months(d, 12 * n)
        if unit == "DE":
            return add_months(d, 120 * n)
        if unit == "CE":
            return add_months(d, 1200 * n)
    except OverflowError:
        return d
    return d


def grain_of_unit(unit: str) -> str:
    """The granularity a shift by this unit is written at ("two weeks ago" -> a week)."""
    return {"FN": "W", "WE": "W", "S": "D", "MIN": "D", "H": "D", "ML": "Y", "DE": "Y", "CE": "Y"}.get(unit, unit)


def parse(value: str) -> Point | None:
    """A Point from a resolved TIMEX3 value, or None for vague or non-calendar values."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value)
    if m:
        try:
            return Point(date(int(m[1]), int(m[2]), int(m[3])), "D")
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if m:
        try:
            return Point(date.fromisocalendar(int(m[1]), int(m[2]), 1), "W")
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m and 1 <= int(m[2]) <= 12:
        return Point(date(int(m[1]), int(m[2]), 1), "M")
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return Point(date(int(m[1]), 3 * int(m[2]) - 2, 1), "Q")
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        return Point(date(int(m[1]), 1 if m[2] == "1" else 7, 1), "H")
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return Point(date(int(m[1]), SEASON_MONTH[m[2]], 1), "Y")
    m = re.fullmatch(r"(\d{4})", value)
    if m and int(m[1]) > 0:
        return Point(date(int(m[1]), 1, 1), "Y")
    return None


def duration(n: int | float | None, unit: str) -> str:
    """A TIMEX3 duration value: P3Y, PT5H, P90D, PXM for a vague count."""
    if n is not None and not float(n).is_integer() and unit in ("Y", "H", "D", "MIN"):
        whole, part = int(n), n - int(n)
        smaller = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60), "MIN": ("S", 60)}[unit]
        rest = f"{round(part * smaller[1])}{smaller[0]}"
        if unit == "Y":
            return f"P{whole}Y{rest}" if whole else f"P{rest}"
        if unit == "D":
            return f"P{whole}DT{rest}" if whole else f"PT{rest}"
        return f"PT{whole}{'M' if unit == 'MIN' else 'H'}{rest}" if whole else f"PT{rest}"
    count = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit in ("S", "MIN", "H"):
        return f"PT{count}{'M' if unit == 'MIN' else unit}"
    if unit == "DE":
        return "PXDE" if n is None else f"P{int(10 * n)}Y"
    if unit == "CE":
        return "PXCE" if n is None else f"P{int(100 * n)}Y"
    if unit == "ML":
        return "PXML" if n is None else f"P{int(1000 * n)}Y"
    if unit == "FN":
        return "PXW" if n is None else f"P{int(2 * n)}W"
    if unit == "WE":
        return f"P{count}WE"
    return f"P{count}{unit}"
