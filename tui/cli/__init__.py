"""``broadsheet``: the command line. A thin shell over ``index.Library``.

Every subcommand but the app itself runs without importing Textual, so ``broadsheet search``
starts fast from a shell alias. Exit codes are grep's: 0 found, 1 nothing found (or some
files failed to index), 2 usage or library error.
"""

from __future__ import annotations

import os
import sys

from ..status import TERMINATED, Exit, Terminated, UsageError

# Not typing's: importing typing costs 10 ms of every start (``python -X importtime``, as
# ``python -m benchmarks.run --profile`` lists a search process's imports).
TYPE_CHECKING = False
if TYPE_CHECKING:  # argparse and pathlib are imported when a command runs here
    from index import Library



def entry() -> int:
    """The ``broadsheet`` process: ``main`` with Python's collector paused until the app's
    first screen or until the command is known (``tui.startup``). A read-only command
    ends its process at once (``_end``)."""
    from .. import startup

    startup.pause()
    code = main()
    if _command(sys.argv[1:]) in READ_ONLY:
        _end(code)
    return code


READ_ONLY = ("search", "show", "facets", "stats")
"""The commands that only read, in-process or through a resident reader: nothing of theirs
needs Python's tear-down."""


def _end(code: int) -> None:
    """Exit with ``code`` now, once what was printed is written: without Python's
    tear-down, which frees every object and module one by one, and runs one more
    collection, for a process about to end (a one-shot search on Reuters: ~30 ms of
    ~160 ms of CPU, measured with an ad-hoc script; the one-shot rows of ``python -m
    benchmarks.run`` pay the rest). Nothing a read-only command leaves needs it: its
    library is closed, and it starts no thread or child it waits for. If writing what is
    left fails (a closed pipe), Python's own exit reports it as it always has."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    from ..startup import save_compiled

    save_compiled()  # what Python's exit would have written
    os._exit(code)


def main(argv: list[str] | None = None, forward: bool = True,
         resident: Library | None = None) -> int:
    """``broadsheet ARGV``: the exit status. ``forward``: let the library's resident reader
    answer a read-only command when one runs (``tui.resident.client``), and start one when
    none does. ``resident``: the library a resident reader keeps open, used by the read-only
    commands when it is the one asked for."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["__values"]:  # a completion script asking, at every TAB: be quick
        from .completion import print_values

        return print_values(argv[1:])
    for stream in (sys.stdout, sys.stderr):  # an undecodable file name prints as \udcxx
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    local = _command(argv) in LOCAL
    app = _bare_app(argv)
    early = None
    try:
        if app is not None:  # no reader answers the app: its engine process, at once
            from ..engine.process import fork_early

            early = fork_early(_library_maker(app.folder))
        elif forward and not local:
            from ..resident import client

            code = client.forward(argv)
            if code is not None:
                return code
        from . import commands

        if app is not None:
            args = app.arguments()
        else:
            from .arguments import parse_args

            args = parse_args(argv)
        code = int(commands.run(args, resident, early=early))
        if forward and not local and app is None and code != Exit.ERROR:
            client.start_reader(argv)
        return code
    except UsageError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except Terminated:
        print("broadsheet: stopped by SIGTERM; what was indexed before stays, and the next "
              "broadsheet index goes on from there", file=sys.stderr)
        return TERMINATED
    except BrokenPipeError:
        # the reader (head, less) went away: that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(Exit.OK)
    except Exception as exc:
        from index import LibraryError, QueryError

        if isinstance(exc, (LibraryError, QueryError)):
            return _fail(str(exc))
        if isinstance(exc, OSError):
            where = f" {exc.filename}" if exc.filename else ""
            return _fail(f"cannot use{where}: {exc.strerror or exc}")
        if os.environ.get("BROADSHEET_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc} "
                     "(run with BROADSHEET_DEBUG=1 for details, and please report it)")
    finally:
        if early is not None:  # ended by the app already, or never handed to it
            early.close()


class _App:
    """``broadsheet`` or ``broadsheet --library DIR``: the app, on this library folder."""

    def __init__(self, folder: str | None) -> None:
        self.folder = folder

    def arguments(self):
        """What ``arguments.parse_args`` makes of this command line (a test holds them
        equal), without importing argparse for it: ~2 ms of the app's start before its
        first screen (``python -X importtime``)."""
        from types import SimpleNamespace

        return SimpleNamespace(library=self.folder, version=None, command="app", paths=[])


def _bare_app(argv: list[str]) -> _App | None:
    """The app with nothing to index first, named the two plain ways: its engine process
    may start before anything else is imported (``tui.engine.process.fork_early``).
    Anything else (paths, ``app``, options) takes the usual way."""
    if not argv:
        return _App(None)
    if len(argv) == 2 and argv[0] == "--library" and argv[1] and not argv[1].startswith("-"):
        return _App(argv[1])
    return None


def _library_maker(folder: str | None):
    """What the early engine process makes its library with (``--library`` else the
    default, as ``commands`` resolves it for the app): ``index`` and its search code
    imported there, before the first call arrives."""
    def make():
        import index.searching  # noqa: F401  (before the first call: it needs it)
        from index import Library

        return Library(folder)

    return make


LOCAL = ("completion",)
"""Commands answered here, never by a resident reader, and not starting one (a shell's
start-up runs ``broadsheet completion``)."""


def _command(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names, past ``--library DIR``."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--library":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _fail(message: str) -> int:
    from index.sanitize import printable  # one line, whatever a value held

    print(f"broadsheet: {printable(message)}", file=sys.stderr)
    return int(Exit.ERROR)

