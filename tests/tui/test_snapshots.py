"""Snapshots of the main states at 80x24 and 120x40 (look at the SVG before accepting one:
``pytest tests/tui/test_snapshots.py --snapshot-update``, then open the report)."""

from __future__ import annotations

import pytest

from tui.app.widgets.results import ResultList

SIZES = [(80, 24), (120, 40)]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def typed(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=typed())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results_for_a_query(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size,
                        run_before=typed(*"regierung", "enter", "j"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_at_the_second_match(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size,
                        run_before=typed(*"regierung", "enter", "enter", "n", "n"))


def test_facets_open_with_a_country_chosen(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await typed("escape", "f")(pilot)
        pilot.app.screen.toggle_facet("countries", "KZ")
        await settle(pilot)
        pilot.app.screen.query_one(ResultList).focus()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_help(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=typed("f1"))
