"""Garbage-collector settings for the build's hot paths: building many small objects, and
WeasyPrint's layout. Performance plumbing, kept out of the domain modules; the measurements
behind each setting are in docs/decisions.md."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection inside, for building many small acyclic objects
    (tens per area): each automatic full collection walks the whole heap, which on a national
    roster was a large share of grouping. Reference counting still frees what is dropped;
    the collector, if it was on, is on again afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


LAYOUT_GC_THRESHOLD = (50_000, 50, 1_000)
"""CPython's cyclic garbage collector thresholds while a batch is laid out and written
(CPython's default is 700, 10, 10); docs/decisions.md."""


@contextlib.contextmanager
def layout_gc() -> Iterator[None]:
    """Collect garbage cycles less often while WeasyPrint works. A batch keeps hundreds of
    thousands of boxes and computed styles alive until its PDFs are written, so with the
    default thresholds the collector scans that growing heap again and again. Unlike
    `gc_paused` (for acyclic objects), the collector stays on: layout makes cycles, and with
    collection off memory grew without bound. The previous batch's cycles are collected
    first, while the heap is small, so a worker's memory stays flat; the caller's thresholds
    are restored afterwards. Measured in docs/decisions.md ("Fewer garbage collections while
    a batch is laid out")."""
    gc.collect()
    previous = gc.get_threshold()
    gc.set_threshold(*LAYOUT_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextlib.contextmanager
def roster_set_aside() -> Iterator[None]:
    """Leave everything alive now (the roster and its areas, read before) out of the
    collections `layout_gc` starts with, while this process lays documents out itself
    (`--jobs 1`, small runs, the units' street indexes): one collection over a national
    roster's areas costs a noticeable fraction of a second, paid again for every batch."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
