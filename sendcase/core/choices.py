"""Turning the pure core's code lists into Django choices without the core importing Django."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def code_choices(codes: Iterable[Any]) -> list[tuple[str, str]]:
    return [(str(code.value), str(code.label)) for code in codes]
