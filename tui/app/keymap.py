"""Keys of your own: a file that rebinds the app's keys, by the id of each binding.

Every binding of the app has an id (``main.sort``, ``article.open``, ...); the keymap file
gives some of them other keys, and Textual's keymaps apply them. It lives in the user
config folder (``~/.config/broadsheet/keys.toml`` on Linux), or where ``BROADSHEET_KEYS``
says::

    [keys]
    "main.sort" = "S"
    "app.quit" = "ctrl+q,ctrl+c"

A file that does not parse, an id the app does not have, or a value that is not keys is
reported when the app starts (a warning naming the file), and the rest of the file still
applies. F1 shows the keys in force.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from textual.binding import Binding

ENV = "BROADSHEET_KEYS"


def keymap_path() -> Path:
    """``$BROADSHEET_KEYS``, else ``keys.toml`` in the user config folder."""
    wanted = os.environ.get(ENV)
    if wanted:
        return Path(wanted).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("broadsheet", appauthor=False)) / "keys.toml"


@dataclass(frozen=True)
class Keymap:
    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> the keys the user gave it (comma-separated, as Textual takes them)."""
    problems: tuple[str, ...] = ()
    """One line each: what in the file was not applied, and why."""


def bindings_of(owners: Iterable[type]) -> dict[str, Binding]:
    """Every binding with an id that ``owners`` (apps, screens, widgets) declare."""
    found: dict[str, Binding] = {}
    for owner in owners:
        for item in getattr(owner, "BINDINGS", []):
            if isinstance(item, Binding) and item.id:
                found.setdefault(item.id, item)
    return found


def load_keymap(known: Iterable[str], path: Path | None = None) -> Keymap:
    """The keymap file at ``path`` (default ``keymap_path()``), checked against the binding
    ids the app has. No file: an empty keymap, and no problem."""
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keymap(path)
    except (OSError, UnicodeDecodeError) as exc:
        return Keymap(path, problems=(f"{path}: {_reason(exc)}; no keys of yours apply",))
    import tomllib  # only when there is a file: most people have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Keymap(path, problems=(f"{path}: {_reason(exc)}; no keys of yours apply",))
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return Keymap(path, problems=(f"{path}: [keys] must be a table of "
                                      "\"binding id\" = \"keys\"",))
    known = sorted(known)
    keys: dict[str, str] = {}
    problems = [f"{path}: unknown section [{name}]" for name in data if name != "keys"]
    for binding_id, value in table.items():
        if binding_id not in known:
            near = get_close_matches(binding_id, known, n=1)
            hint = f" (did you mean {near[0]}?)" if near else " (F1 lists the ids)"
            problems.append(f"{path}: no key binding '{binding_id}'{hint}")
        elif not isinstance(value, str) or not value.strip(" ,"):
            problems.append(f"{path}: '{binding_id}' needs keys as text, e.g. \"ctrl+s\"")
        else:
            keys[binding_id] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return Keymap(path, keys, tuple(problems))


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
