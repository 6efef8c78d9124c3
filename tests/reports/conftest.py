"""Fixtures shared by the report tests."""

import pytest


@pytest.fixture
def analyst_client(client, analyst):
    """A client signed in as a user with "Browse analytics"."""
    client.force_login(analyst)
    return client
