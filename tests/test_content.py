"""content.py: what the templates print, checked without laying anything out."""

from __future__ import annotations

from leaflets.content import OfficerView


def test_an_e_mail_breaks_after_its_at_or_before_a_dot_only() -> None:
    """Issue 18: the parts a line may break an e-mail into, joined back whole; `.gov.pl`
    never gets a line of its own (the A5's narrow column printed `…kiewi` / `cz@`)."""
    officer = OfficerView.__new__(OfficerView)
    address = "michal.wisniewski-zak@bialoleka.warszawa.policja.gov.pl"
    object.__setattr__(officer, "email", address)
    parts = officer.email_parts
    assert "".join(parts) == address
    assert parts == ("michal", ".wisniewski-zak@", "bialoleka", ".warszawa", ".policja", ".gov.pl")
