"""A ``Mask`` is the set of its documents: every operation a search makes on one gives what
the same operation on a ``frozenset`` gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.docmask import Mask, intersect

sizes_and_sets = st.integers(1, 2000).flatmap(lambda size: st.tuples(
    st.just(size), st.frozensets(st.integers(0, size - 1)),
    st.frozensets(st.integers(0, size - 1)), st.frozensets(st.integers(0, size - 1))))


@settings(max_examples=200, deadline=None)
@given(sizes_and_sets)
def test_a_mask_is_the_set_of_its_documents(case):
    size, a, b, _ = case
    mask = Mask.of(a, size)
    assert list(mask) == sorted(a)
    assert len(mask) == len(a)
    assert all(d in mask for d in a) and not any(d in mask for d in range(size) if d not in a)
    assert -1 not in mask and size not in mask and "1" not in mask
    assert set(mask & Mask.of(b, size)) == a & b
    assert mask & b == a & b == b & mask  # with a set, either side: a set
    assert mask & b.__class__(b) == a & b
    assert mask.count_in(b) == len(a & b)
    assert mask == a


@settings(max_examples=100, deadline=None)
@given(sizes_and_sets)
def test_every_document_but_some(case):
    size, deleted, _, _ = case
    every = Mask.every(size, deleted)
    assert set(every) == set(range(size)) - deleted
    assert every.bits >> size == 0  # no bit past the last document


@settings(max_examples=200, deadline=None)
@given(sizes_and_sets, st.integers(0, 3000))
def test_an_intersection_is_the_same_whichever_way_it_is_made(case, few):
    size, a, b, c = case
    parts = [a, Mask.of(b, size), {d: 1.0 for d in c}.keys()]
    found = intersect(parts, size, few)
    assert set(found) == a & b & c
    assert isinstance(found, Mask) == (min(map(len, parts)) >= few)


def test_a_mask_made_of_a_mask_is_itself():
    mask = Mask.of({1, 2}, 10)
    assert Mask.of(mask, 10) is mask
