"""The Hub: naming repositories, fetching and pushing cards through huggingface_hub, its errors.

Nothing here is imported by a local check; huggingface_hub is imported only on this path.
"""

from typing import TYPE_CHECKING

from cardlint.speedups.exports import lazy_exports

if TYPE_CHECKING:
    from .client import HubError as HubError
    from .client import describe_fixes as describe_fixes
    from .client import fetch_card as fetch_card
    from .client import list_repos as list_repos
    from .client import push_card as push_card
    from .refs import RepoRef as RepoRef
    from .refs import parse_target as parse_target

__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(
            ("fetch_card", "list_repos", "push_card", "describe_fixes", "HubError"), "client"
        ),
        **dict.fromkeys(("RepoRef", "parse_target"), "refs"),
    },
)
