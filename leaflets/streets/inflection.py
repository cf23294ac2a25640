"""Case forms: a street or place name written in the accusative, back in the nominative."""

from __future__ import annotations

import functools
import logging
from typing import Any

log = logging.getLogger(__name__)

_FEMININE_NOMINATIVE = "adj:sg:nom.voc:f:pos"


@functools.cache
def _analyser() -> Any:
    """Morfeusz 2 with its bundled dictionary (SGJP), loaded once per process (~0.4 s)."""
    import morfeusz2

    log.debug("ładowanie analizatora morfologicznego Morfeusz 2")
    return morfeusz2.Morfeusz(generate=True, analyse=True)


def _match_case(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


@functools.lru_cache(maxsize=1 << 14)
def nominative_word(word: str) -> str:
    """`Klonową` -> `Klonowa`, `Szczejkowicką` -> `Szczejkowicka`, `Żegocinę` -> `Żegocina`;
    any other word as it is. Only accusative and instrumental singular feminine forms (the
    `-ą`/`-ę` that descriptions use after "obejmuje" or "ulice:") are changed, never a
    genitive: `Mickiewicza` is the street's own name, not a case form of it."""
    if not word.endswith(("ą", "ę")) or len(word) < 4:
        return word
    analyses = [analysis[2] for analysis in _analyser().analyse(word)]
    for _form, lemma, tag, *_ in analyses:
        if tag.startswith("adj:sg:") and ":f:" in tag and ("acc" in tag or "inst" in tag):
            generated = [g[0] for g in _analyser().generate(lemma) if g[2] == _FEMININE_NOMINATIVE]
            if generated:
                return _match_case(generated[0], word)
    for _form, lemma, tag, *_ in analyses:
        if tag.startswith("subst:sg:") and ("acc" in tag or "inst" in tag) and ":f" in tag:
            return _match_case(lemma.split(":")[0], word)
    # Not in the dictionary ("Szczejkowicką", a local name): the feminine ending rule; "-kią"
    # is no Polish ending at all, only a typo of "-ką" ("Wodzisławskią").
    if word.endswith(("kią", "gią")):
        return word[:-2] + "a"
    return word[:-1] + "a"
