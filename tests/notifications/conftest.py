from tests.workspace.conftest import (  # noqa: F401  (fixtures shared with the workspace tests)
    _fresh_cache_and_outbox,
    login,
)
