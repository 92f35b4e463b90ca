"""The facet panel: languages, countries and a date histogram, all following the query."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label

from index import Filters

from ...text import country_name, language_name
from .date_histogram import DateHistogram
from .facet_list import FacetList


class FacetPanel(Vertical):
    """Choose facet values: OR within a facet, AND across facets. Posts Changed."""

    @dataclass
    class Changed(Message):
        """The chosen facet values changed; ``filters`` holds all of them."""

        filters: Filters

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.filters = Filters()

    def compose(self) -> ComposeResult:
        yield Label("Languages", classes="facet-title")
        yield FacetList(language_name, id="facet-lang")
        yield Label("Countries", classes="facet-title")
        yield FacetList(country_name, id="facet-countries")
        yield Label("Dates", classes="facet-title")
        yield DateHistogram(id="facet-dates")

    def show(self, facets: dict[str, dict[str, int]]) -> None:
        """New counts for the current query."""
        self.query_one("#facet-lang", FacetList).show(facets.get("lang", {}))
        self.query_one("#facet-countries", FacetList).show(facets.get("countries", {}))
        self.query_one(DateHistogram).show(facets.get("year", {}), facets.get("month", {}))

    def clear(self) -> None:
        """Forget every chosen value (posts Changed)."""
        for facet in self.query(FacetList):
            facet.deselect_all()
        self.query_one(DateHistogram).clear()
        self._changed(Filters())

    def _on_facet_list_toggled(self, event: FacetList.Toggled) -> None:
        event.stop()
        self._lists_changed()

    def _lists_changed(self) -> None:
        langs = self.query_one("#facet-lang", FacetList).selected
        countries = self.query_one("#facet-countries", FacetList).selected
        self._changed(replace(self.filters, langs=langs, countries=countries))

    def _on_date_histogram_changed(self, event: DateHistogram.Changed) -> None:
        event.stop()
        self._changed(replace(self.filters, since=event.since, until=event.until,
                              undated=event.undated))

    def toggle(self, facet: str, value: str) -> None:
        """Choose or un-choose ``value`` of "lang" or "countries" (from the palette)."""
        facet_list = self.query_one(f"#facet-{facet}", FacetList)
        facet_list.toggle(value)
        self._lists_changed()

    def _changed(self, filters: Filters) -> None:
        if filters != self.filters:
            self.filters = filters
            self.post_message(self.Changed(filters))
