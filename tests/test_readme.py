"""The README's set-up is what CI runs, and the commands it names exist."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", setup, re.S)


def test_readme_has_the_two_setup_commands():
    install, tests = readme_commands()[:2]
    assert "broadsheet sample_data/" in install
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    tests = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert tests in ci.splitlines()


def _use_section() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    return text.split("## Use", 1)[1].split("\n## ", 1)[0]


def test_the_command_table_matches_the_parser():
    """Every subcommand has its row in the README's table and every row a subcommand; each
    row names its command's arguments and options (and the choices of ``--sort``); the
    shared filters and the options before the command are in the Use section's text."""
    import argparse

    from tui.cli.arguments import build_parser

    use = _use_section()
    rows = re.findall(r"^\| `broadsheet ([^`]*)` \| .* \|$", use, re.M)
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    missing = []
    for option in (o for a in parser._actions if a.option_strings and a.dest != "help"
                   for o in a.option_strings if o.startswith("--")):
        if option not in use:
            missing.append(f"broadsheet {option}")
    by_command: dict[str, str] = {}
    for row in rows:
        first = row.split()[0].strip("[]")
        if first.startswith("-"):
            continue  # an option before any command, checked above
        if first not in commands.choices:
            missing.append(f"a parser command for the README's row 'broadsheet {row}'")
        by_command[first] = row
    filters_text = use.split("**Filters**", 1)[1].split("\n\n", 1)[0]
    for name, sub in commands.choices.items():
        row = by_command.get(name)
        if row is None:
            missing.append(f"a README row for 'broadsheet {name}'")
            continue
        in_filters = {a.dest for g in sub._action_groups if g.title == "filters"
                      for a in g._group_actions}
        for action in sub._actions:
            if action.dest == "help":
                continue
            if not action.option_strings:  # an argument: its name, or the values it takes
                needed = [] if action.choices else [(action.metavar or action.dest).upper()]
            elif action.dest in in_filters:
                needed = ["[filters]"]
                if action.option_strings[0] not in filters_text:
                    missing.append(f"{action.option_strings[0]} in the Filters paragraph")
            else:
                needed = [max(action.option_strings, key=len)]
            needed += [str(c) for c in action.choices or ()]
            missing += [f"{n} in the row of '{name}'" for n in needed if n not in row]
    assert missing == [], "README's Use section lacks: " + "; ".join(missing)
