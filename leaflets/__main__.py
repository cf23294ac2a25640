"""`python -m leaflets`: the same command line as `leaflets`."""

from leaflets.cli import main

main()
