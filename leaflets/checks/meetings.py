"""Checks of the meetings' invitations: calendar codes that fit, invitations over their
pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from leaflets import limits
from leaflets.checks.rendering import weasyprint_warnings
from leaflets.config import Settings
from leaflets.formats import FORMATS
from leaflets.meetings import Meeting
from leaflets.problems import Problem, RowRef, Severity


@dataclass(frozen=True)
class CodesFit:
    kept: tuple[Meeting, ...]
    problems: tuple[Problem, ...]
    rejected: frozenset[RowRef]


def calendar_codes(settings: Settings, meetings: Sequence[Meeting]) -> CodesFit:
    """Meetings whose calendar code, at an invitation format's minimum module, needs more
    room than the layout has are errors (a topic or place too long), left out."""
    from leaflets.invitations import oversized_calendar  # QR arithmetic

    kept: list[Meeting] = []
    problems: list[Problem] = []
    specs = [FORMATS[name] for name in settings.formats if FORMATS[name].per_meeting]
    for meeting in meetings:
        too_big = [
            (spec, size)
            for spec in specs
            if (size := oversized_calendar(meeting, spec, settings.config.qr_level)) is not None
        ]
        for spec, size in too_big:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "kod-qr-za-duzy",
                    f"{spec.name}: kod „Dodaj do kalendarza” potrzebuje {size:.0f} mm przy "
                    f"module {spec.qr_module_mm} mm, a miejsca jest {spec.qr_max_mm:.0f} mm "
                    "— skróć temat albo miejsce spotkania",
                    meeting.where,
                    "temat",
                    heading="„Temat”",
                )
            )
        if not too_big:
            kept.append(meeting)
    rejected = frozenset(m.where for m in meetings if m not in kept)
    return CodesFit(tuple(kept), tuple(problems), rejected)


def invitations(
    warnings: Sequence[str], overflowing: Sequence[tuple[Meeting, str, int]]
) -> list[Problem]:
    """What laying the invitations out found: WeasyPrint's warnings, and an invitation whose
    text ran over its pages (a very long description)."""
    found = weasyprint_warnings(warnings)
    for meeting, name, pages in overflowing:
        found.append(
            Problem(
                Severity.WARNING,
                "za-duzo-stron",
                f"{name}, spotkanie {meeting.date:%d.%m.%Y}: treść nie mieści się na stronie "
                f"— zaproszenie ma {pages} str.; skróć opis spotkania",
                meeting.where,
                "opis",
                heading="„Opis”",
            )
        )
    return found


@dataclass(frozen=True)
class InvitationShare:
    """The meetings whose invitations `check` lays out, and the warning when not all."""

    meetings: tuple[Meeting, ...]
    problems: tuple[Problem, ...] = ()


def invitation_share(meetings: Sequence[Meeting], settings: Settings) -> InvitationShare:
    """`check` lays out the invitations of at most `limits.MAX_CHECK_LAYOUTS` meetings'
    formats and editions (the first meetings, in the order read), unless `check
    --caly-uklad`: a meetings sheet of thousands of rows would take as long to check as to
    build."""
    per = sum(FORMATS[name].per_meeting for name in settings.formats) * len(settings.languages)
    room = max(1, limits.MAX_CHECK_LAYOUTS // max(1, per))
    if settings.every_layout or len(meetings) <= room:
        return InvitationShare(tuple(meetings))
    problem = Problem(
        Severity.WARNING,
        "uklad-zaproszen-czesciowo",
        f"układ zaproszeń sprawdzono dla {room} z {len(meetings)} spotkań (pierwszych w "
        "wykazie), bo sprawdzenie wszystkich trwałoby tyle, co ich budowanie; pozostałe "
        "sprawdzi build albo check --caly-uklad",
    )
    return InvitationShare(tuple(meetings[:room]), (problem,))
