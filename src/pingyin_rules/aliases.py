"""Codes by the names a clerk writes for them (`role: 县长` → `county_head`), taken from a
rule pack's label tables, so that the engine and the record models need no Chinese.

Case files are read with the aliases of the pack that checks them. An alias is applied only
where a field expects one of a fixed set of codes (an enum) and only to a code of that set,
so free text (`title: 县长`) is never rewritten; a name shared by several codes of the same
set is ambiguous and is not applied. Each lookup is one dict access."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pack.compiled import CompiledPack

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SEPARATORS = re.compile(r"[\s\-]+")


def _name_key(text: str) -> str:
    """A written name compared loosely: full-width forms folded (NFKC), spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _code_key(text: str) -> str:
    """A written code compared loosely: `County Head`, `county-head` → `county_head`."""
    return _SEPARATORS.sub("_", unicodedata.normalize("NFKC", text).strip()).lower()


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


class ValueAliases:
    """Display names → codes. Built from `code → Chinese name` pairs, or lazily from a pack
    (`from_pack`), so a file that needs no alias costs nothing."""

    __slots__ = ("_by_name", "_labels", "_source")

    def __init__(self, labels: Mapping[str, str] | Callable[[], Mapping[str, str]]) -> None:
        self._source = labels
        self._labels: Mapping[str, str] | None = None
        self._by_name: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_pack(cls, pack: CompiledPack) -> ValueAliases:
        """The names in the pack's label tables (for the bundled pack, `rules/names.yaml`)."""
        from .engine.explain import display_names  # the rule explanations use the same names

        return cls(lambda: {str(k): v for k, v in display_names(pack.tables).items()})

    def _ensure(self) -> Mapping[str, str]:
        labels = self._labels
        if labels is None:
            source = self._source
            labels = dict(source() if callable(source) else source)
            by_name: dict[str, tuple[str, ...]] = {}
            for code, name in labels.items():
                key = _name_key(name)
                by_name[key] = (*by_name.get(key, ()), code)
            self._by_name = by_name
            self._labels = labels  # last: another thread sees either nothing or everything
        return labels

    def label(self, code: str) -> str | None:
        """The Chinese name of a code, if the pack gives one."""
        return self._ensure().get(code)

    def code_for(self, written: str, allowed: Collection[str]) -> str | None:
        """The one code in `allowed` that `written` names: the code itself spelt loosely
        (`Executive`), or its Chinese name (`常务会议`); None when none or several do."""
        code = _code_key(written)
        if code in allowed:
            return code
        self._ensure()
        found = [c for c in self._by_name.get(_name_key(written), ()) if c in allowed]
        return found[0] if len(found) == 1 else None

    def suggest(self, written: str, allowed: Collection[str]) -> list[str]:
        """The codes in `allowed` closest to a misspelling, by their Chinese names when the
        clerk wrote Chinese, else by the codes."""
        if has_cjk(written):
            names = {name: code for code in allowed if (name := self.label(code)) is not None}
            return [names[name] for name in closest(_name_key(written), names)]
        return closest(_code_key(written), allowed)

    def describe(self, code: str) -> str:
        """`executive（常务会议）`, or the code alone when the pack names it not."""
        name = self.label(code)
        return f"{code}（{name}）" if name else code


def closest(written: str, candidates: Iterable[str]) -> list[str]:
    """The candidates a misspelling most likely meant: the same letters in another case,
    else those nearest by difflib's ratio (at least 0.6, its default for close matches).
    Ties are all returned, sorted (`signer`: `signed_by` or `signed_on`), rather than one
    picked by an order that means nothing."""
    import difflib  # only when there is a misspelling to explain

    options = sorted(set(candidates))
    same = [c for c in options if c.casefold() == written.casefold()]
    if same:
        return same[:1]
    matcher = difflib.SequenceMatcher(b=written)
    scored: list[tuple[float, str]] = []
    for candidate in options:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            score = matcher.ratio()
            if score >= _CUTOFF:
                scored.append((score, candidate))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [c for score, c in scored if score == best][:3]


_CUTOFF = 0.6


@cache
def bundled_aliases() -> ValueAliases:
    """The bundled pack's aliases; the pack is loaded only if a value needs one."""

    def labels() -> dict[str, str]:
        from .engine.explain import display_names
        from .pack.loader import load_pack

        return {str(k): v for k, v in display_names(load_pack().tables).items()}

    return ValueAliases(labels)
