"""Reference tables generated from the code at build time, and the drift checks (tests/test_docs.py)."""
