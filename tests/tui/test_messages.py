"""The app's own messages are dataclasses, as Textual's are: the fields are the names the
handlers read, and Textual's ``Message.__post_init__`` runs (a hand-written ``__init__``
that forgot ``super().__init__()`` would leave a message Textual cannot route)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

from textual.message import Message

import tui.app
from tui.app.widgets.results import ResultList


def _app_messages() -> list[type[Message]]:
    found: dict[str, type[Message]] = {}
    for info in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        module = importlib.import_module(info.name)
        for _, owner in inspect.getmembers(module, inspect.isclass):
            for _, cls in inspect.getmembers(owner, inspect.isclass):
                if issubclass(cls, Message) and cls.__module__.startswith("tui.app."):
                    found[cls.__qualname__] = cls
    return sorted(found.values(), key=lambda cls: cls.__qualname__)


def test_every_message_of_the_app_is_a_dataclass_with_its_fields():
    messages = _app_messages()
    hand_written = [cls.__qualname__ for cls in messages
                    if "__init__" in cls.__dict__ and not dataclasses.is_dataclass(cls)]
    assert hand_written == []
    fields = {cls.__qualname__: [f.name for f in dataclasses.fields(cls)]
              for cls in messages if dataclasses.is_dataclass(cls)}
    assert fields["SearchScreen.SearchDone"] == ["request", "results", "rest", "counted"]
    assert fields["FacetList.Toggled"] == ["value", "selected"]
    assert fields["DateHistogram.Changed"] == ["since", "until", "undated"]
    assert len(fields) == 12


def test_a_dataclass_message_is_a_textual_message():
    message = ResultList.MoreWanted(50)
    assert message.offset == 50
    assert message.time > 0 and not message.is_forwarded  # set by Message.__post_init__
