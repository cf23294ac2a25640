"""Developer tools (sample roster, benchmark); not part of the installed package."""
