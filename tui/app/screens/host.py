"""What the screens ask of the app that holds them (``BroadsheetApp``), as a type: the app
imports the screens, so they cannot import it back (tests/test_architecture.py)."""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode
from textual.message import Message

from index import Hit

TYPE_CHECKING = False
if TYPE_CHECKING:  # ``index.records``: not a module more before the first screen
    from index import Article


class Host(Protocol):
    KeysWelcome: type[Message]

    def copy_link(self, item: Article | Hit) -> None: ...

    def copy_id(self, item: Article | Hit) -> None: ...

    def open_source(self, item: Article | Hit) -> None: ...


def host(node: DOMNode) -> Host:
    """The app ``node`` belongs to, typed as the screens know it."""
    return cast(Host, node.app)
