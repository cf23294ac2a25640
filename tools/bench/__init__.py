"""`make bench`: a synthetic national roster, a naive baseline and the timed build."""
