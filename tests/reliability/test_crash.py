"""Nothing lost (DESIGN §8): ``kill -9`` during indexing keeps every committed batch readable,
and the next run finishes the job without duplicates."""

from __future__ import annotations

import json
import random
import signal

from index import Library, Query, Sort
from tests.reliability.conftest import (
    SYNTHETIC_PER_FILE,
    SYNTHETIC_TOTAL,
    committed_files,
    run_cli,
    start_indexer,
    wait_for,
    word,
)

BATCH = 500
"""Ten commits for 5,000 articles. (With 200, Whoosh's per-document ``update_document``
searcher makes the run take ~45 s on 2 cores, too slow for CI; see the report.)"""
KILL_AT_FILES = 40
"""Kill once 4,000 of the 5,000 articles are committed."""


def test_kill_9_mid_run_keeps_committed_batches_and_the_next_run_finishes(
        tmp_path, synthetic, capsys):
    library = tmp_path / "library"
    child = start_indexer(tmp_path, library, synthetic, batch=BATCH)
    wait_for(lambda: committed_files(library) >= KILL_AT_FILES, child, timeout=120)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL, "the indexer finished before it was killed"

    # the last committed state is readable, by the API and by the CLI
    files = committed_files(library)
    assert KILL_AT_FILES <= files < SYNTHETIC_TOTAL // SYNTHETIC_PER_FILE
    committed = files * SYNTHETIC_PER_FILE
    with Library(library) as reader:
        articles = reader.stats().articles
        # Whoosh commits before the manifest: at most one batch more than the manifest says
        assert committed <= articles <= committed + BATCH + SYNTHETIC_PER_FILE
        assert articles < SYNTHETIC_TOTAL
        for n in random.Random(0).sample(range(committed), 20):
            assert reader.search(Query(word(n), facets=False)).total == 1, n
    code, out, err = run_cli(capsys, "--library", library, "stats", "--json")
    assert code == 0 and json.loads(out)["articles"] == articles, err

    # the next run (no "library busy": the kernel freed the lock) picks up the rest, and
    # clears what the killed run's writers left behind
    code, _, err = run_cli(capsys, "--library", library, "index", synthetic)
    assert code == 0, err
    assert f"{files} unchanged" in err, err
    assert not [p.name for p in (library / "whoosh").iterdir() if p.is_dir()]
    with Library(library) as reader:
        assert reader.stats().articles == SYNTHETIC_TOTAL
        everything = reader.search(Query("*", limit=SYNTHETIC_TOTAL + 10, sort=Sort.OLDEST,
                                         facets=False))
        ids = [hit.id for hit in everything.hits]
        assert everything.total == len(ids) == len(set(ids)) == SYNTHETIC_TOTAL
        # each article exactly once: its unique word in exactly one title ...
        found = [hit.title.rsplit(" ", 1)[-1] for hit in everything.hits]
        assert sorted(found) == sorted(word(n) for n in range(SYNTHETIC_TOTAL))
        # ... and searchable: articles around the kill, and a sample of the rest
        rng = random.Random(1)
        around = range(max(committed - BATCH, 0), min(articles + BATCH, SYNTHETIC_TOTAL))
        for n in rng.sample(around, 30) + rng.sample(range(SYNTHETIC_TOTAL), 30):
            assert reader.search(Query(word(n), facets=False, limit=2)).total == 1, n
