"""The checks after grouping: areas, configuration and what rendering found -> problems.

Row problems come from the stages that read the rows (roster, validation, areas); everything
found later is made here, so "where does this warning come from?" has one answer: overlapping
areas, QR codes too large for a format, colour contrast, street lists that had to shrink,
content over its pages, text where an office printer cannot print, template resources, areas
without a unit name or without any streets.
Each kind of check has its module here; this package is the one door to them.
"""

from leaflets.checks.grouping import (
    UnitsChecked,
    coverage,
    distinct_folders,
    overlaps,
    unit_names,
)
from leaflets.checks.meetings import (
    CodesFit,
    InvitationShare,
    calendar_codes,
    invitation_share,
    invitations,
)
from leaflets.checks.rendering import (
    FITTING,
    CodesChecked,
    LayoutShare,
    RenderResult,
    content_size,
    layout_share,
    qr_fit,
    rendering,
    sheet_skipped,
    stale_folders,
    weasyprint_warnings,
)
from leaflets.checks.settings import configuration, contrast_ratio, decimal, translations

__all__ = [
    "FITTING",
    "CodesChecked",
    "CodesFit",
    "InvitationShare",
    "LayoutShare",
    "RenderResult",
    "UnitsChecked",
    "calendar_codes",
    "configuration",
    "content_size",
    "contrast_ratio",
    "coverage",
    "decimal",
    "distinct_folders",
    "invitation_share",
    "invitations",
    "layout_share",
    "overlaps",
    "qr_fit",
    "rendering",
    "sheet_skipped",
    "stale_folders",
    "translations",
    "unit_names",
    "weasyprint_warnings",
]
