from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.workspace.conftest import (  # noqa: F401  (fixtures shared with the workspace tests)
    _fresh_cache_and_outbox,
    login,
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """`with committed():` runs the block's on-commit callbacks (the outbox delivery) at its end,
    as a real commit would."""

    @contextmanager
    def block() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block
