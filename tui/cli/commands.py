"""One short function per subcommand: call the library, hand the result to ``output``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from index import Filters, Library, Query, QueryError, Sort, parse_period
from index.sanitize import printable

from .. import startup
from ..status import Exit, Terminated
from . import output

TYPE_CHECKING = False
if TYPE_CHECKING:  # the app's start parses no arguments (``tui.cli._App``)
    import argparse


def run(args: argparse.Namespace, resident: Library | None = None, early=None) -> Exit:
    """Run the parsed command. ``resident``: the library a resident reader keeps open; the
    read-only commands use it when it is the one asked for. ``early``: the app's engine
    process, forked before the command line was parsed (``tui.engine.process.fork_early``)."""
    if args.command in _READING:
        # The collector stays paused: a read-only command ends its process a moment later,
        # and leaves little in cycles (a one-shot search ran 23 collections, 3-14 ms, for
        # nothing). A resident reader never paused it (``tui.resident.server``).
        return _READING[args.command](args, resident)
    if args.command == "app":  # the app resumes the collector after its first screen
        return cmd_app(args, early)
    startup.resume()
    return _WRITING[args.command](args)


def library_folder(args: argparse.Namespace):
    from pathlib import Path

    return Path(args.library).expanduser() if args.library else None


def filters_from(args: argparse.Namespace) -> Filters:
    """Turn the shared filter flags into Filters; bad values raise QueryError."""
    countries = []
    for value in _split(args.country):
        from index.enrich.countries import resolve_country  # only --country pays for it

        code = resolve_country(value)
        if not code:
            raise QueryError(f"--country: unknown country '{value}'; use an ISO code such "
                             "as KZ or a country name such as Kasachstan")
        countries.append(code)
    since = parse_period(args.since, "--since")[0] if args.since else None
    until = parse_period(args.until, "--until")[1] if args.until else None
    if since and until and since >= until:
        raise QueryError(f"--since {args.since} is after --until {args.until}")
    return Filters(langs=tuple(v.lower() for v in _split(args.lang)),
                   countries=tuple(countries), sources=tuple(_split(args.source)),
                   since=since, until=until, undated=args.undated)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _query(args: argparse.Namespace) -> str:
    return " ".join(args.query).strip() or "*"


def _open(args: argparse.Namespace) -> Library:
    return Library(library_folder(args))


@contextmanager
def _reading(args: argparse.Namespace, resident: Library | None) -> Iterator[Library]:
    """The library to read: ``resident`` (the one a resident reader keeps open, see
    ``tui.resident.server``) when it is the one asked for, else opened for this command and
    closed after it."""
    folder = library_folder(args)
    if resident is not None and folder is not None and \
            os.path.abspath(folder) == str(resident.folder):
        yield resident
        return
    with _open(args) as library:
        yield library


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While indexing, SIGTERM raises ``Terminated`` in the main thread (once: a second
    SIGTERM ends the process outright), so the workers are stopped and the lock let go as
    on ctrl-c. Python's default would end the process on the spot. Only the main thread
    can take signals: elsewhere (the resident reader's threads) nothing changes."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_index(args: argparse.Namespace) -> Exit:
    if getattr(args, "watch", False):
        return _index_and_watch(args)
    library = _open(args)
    with _sigterm_unwinds():
        report = _add(library, args)
    output.index_report(report, quiet=args.quiet, verbose=args.verbose)
    return Exit.NOTHING if report.failed else Exit.OK


def _add(library: Library, args: argparse.Namespace):
    progress = output.Progress() if sys.stderr.isatty() and not args.quiet else None
    try:
        return library.add(args.paths, rebuild=args.rebuild,
                           progress=progress.update if progress else None)
    finally:
        if progress:
            progress.done()


def _index_and_watch(args: argparse.Namespace) -> Exit:
    """``index --watch``: index, then follow the folders until ctrl-c or SIGTERM, which
    end it as a service's stop does (exit 0). A signal in the middle of a batch cuts the
    batch short; what was committed stays, and the next run picks up the rest."""
    from index.watching import follow, watched

    library = _open(args)
    try:
        with _sigterm_unwinds():
            output.index_report(_add(library, args), quiet=args.quiet, verbose=args.verbose)
            roots = watched(library, args.paths)
            if not roots:
                from ..status import UsageError

                raise UsageError("index --watch: no folder to watch; name one: "
                                 "broadsheet index --watch PATH")
            print(f"watching {len(roots)} folder{'s' if len(roots) != 1 else ''} for changes "
                  "(ctrl-c to stop)", file=sys.stderr, flush=True)
            follow(library, roots, output.watch_batch)
    except (KeyboardInterrupt, Terminated):
        print("broadsheet: stopped watching", file=sys.stderr)
    return Exit.OK


def cmd_search(args: argparse.Namespace, resident: Library | None = None) -> Exit:
    if args.limit < 0 or args.offset < 0:
        raise QueryError("--limit and --offset take numbers of 0 or more")
    with _reading(args, resident) as library:
        results = library.search(Query(_query(args), filters_from(args), Sort(args.sort),
                                       offset=args.offset, limit=args.limit,
                                       facets=args.json))
    if args.json:
        output.print_json(results.to_json())
    elif args.jsonl:
        output.print_jsonl(hit.to_json() for hit in results.hits)
    else:
        output.search_results(results, args.offset)
    return Exit.OK if results.total else Exit.NOTHING


def cmd_show(args: argparse.Namespace, resident: Library | None = None) -> Exit:
    with _reading(args, resident) as library:
        article = library.get(args.id)
    if article is None:
        print(f"broadsheet: no article with id '{printable(args.id)}' (ids are printed by "
              "broadsheet search)", file=sys.stderr)
        return Exit.NOTHING
    if args.json:
        output.print_json(output.article_json(article))
    else:
        output.article(article)
    return Exit.OK


def cmd_facets(args: argparse.Namespace, resident: Library | None = None) -> Exit:
    with _reading(args, resident) as library:
        results = library.search(Query(_query(args), filters_from(args), limit=0))
    if args.json:
        output.print_json({"total": results.total, "facets": results.facets})
    else:
        output.facet_table(results)
    return Exit.OK if results.total else Exit.NOTHING


def cmd_stats(args: argparse.Namespace, resident: Library | None = None) -> Exit:
    with _reading(args, resident) as library:
        stats = library.stats()
    if args.json:
        output.print_json(stats.to_json())
    else:
        output.stats(stats)
    return Exit.OK


def cmd_inspect(args: argparse.Namespace) -> Exit:
    from index import Failure, inspect_paths

    failed = False
    items = []
    for item in inspect_paths(args.paths):
        if isinstance(item, Failure):
            failed = True
            print(f"broadsheet: {printable(item.path)}: {printable(item.reason)}",
                  file=sys.stderr)
            continue
        if args.jsonl:
            output.print_jsonl([output.inspection_json(item)])
        elif args.json:
            items.append(output.inspection_json(item))
        else:
            output.inspection(item)
    if args.json:
        output.print_json(items)
    return Exit.NOTHING if failed else Exit.OK


def cmd_completion(args: argparse.Namespace) -> Exit:
    from .completion import script

    sys.stdout.write(script(args.shell))
    return Exit.OK


def cmd_app(args: argparse.Namespace, early=None) -> Exit:
    """The app. ``early``: its engine process, already forked (``tui.cli.main``)."""
    library = _open(args)
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing and len(missing) == len(args.paths):
        from ..status import COMMANDS, UsageError

        raise UsageError(f"no such command or path '{missing[0]}' (commands: "
                         f"{', '.join(c for c in COMMANDS if c != 'app')})")
    if args.paths:
        args.rebuild, args.quiet, args.verbose = False, False, False
        startup.resume()  # indexing makes and frees objects for minutes
        code = cmd_index(args)
        if code == Exit.ERROR:
            return code
        startup.pause()
    from ..engine.process import EngineThread
    from ..engine.request import first_page, terminal_screenful

    engine = EngineThread(library, process=early)
    # searching while Textual is imported: the hits of the first screen, the rest after it
    first = engine.start_beside(first_page, terminal_screenful())
    from ..app.app import run_app  # Textual is imported here, and only here

    return Exit(run_app(library, engine=engine, first=first))


def cmd_serve(args: argparse.Namespace) -> Exit:
    from ..serve import serve

    with _open(args) as library:
        library.stats()  # a missing or broken library is said here, not in the browser
    return serve(library.folder, args.host, args.port)


_READING = {"search": cmd_search, "show": cmd_show, "facets": cmd_facets, "stats": cmd_stats}
"""The read-only commands: the ones a resident reader may answer."""
_WRITING = {"index": cmd_index, "inspect": cmd_inspect, "completion": cmd_completion,
            "serve": cmd_serve, "app": cmd_app}
