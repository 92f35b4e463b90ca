"""Which segments the end of an indexing run folds together."""

from __future__ import annotations

import pytest

from index.indexer import to_merge


@pytest.mark.parametrize("sizes,merged", [
    ([10_000] * 4, []),  # Reuters: four segments, few enough
    ([10_000] * 20, list(range(20))),  # a 200,000-article import: all of them
    ([5, 700, 300, 9_000, 2_000], [0, 2, 1, 4, 3]),  # small ones always go together
    ([49_000, 49_000, 10, 20, 30], [2, 3, 4]),  # not the big ones, to add three files
    ([60_000, 70_000, 80_000, 90_000, 100], []),  # one small one has nothing to join
    ([30_000, 30_000, 30_000, 40_000, 12], []),  # 12 waits for the next small one
    ([30_000, 30_000, 30_000, 40_000], []),
    ([30_000, 30_000, 30_000, 40_000, 60_000], [0, 1, 2, 3]),
])
def test_segments_are_folded_with_others_of_their_size(sizes, merged):
    assert to_merge(sizes) == merged


def test_a_watched_folders_commits_fold_only_small_segments():
    """A watched folder commits a file or a few at a time: its commits must not rewrite
    the library's segments (a 2,000-article merge kept a new file waiting 20 s)."""
    from index.indexer import WATCHED_SMALL, to_merge_watched

    big = [1_000, 1_000, 20_000]
    assert to_merge([*big, 1, 1]) != []  # what an ordinary run does: folds the big ones too
    assert to_merge_watched([*big, 1, 1]) == []
    assert to_merge_watched([*big, 1, 1, 2, 1]) == []
    assert to_merge_watched([*big, 1, 1, 2, 1, 3]) == [3, 4, 5, 6, 7]
    assert to_merge_watched([WATCHED_SMALL] * 9) == []
