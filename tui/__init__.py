"""Everything of broadsheet that is not the engine, one sub-package per process role:

- ``cli``: the ``broadsheet`` command: arguments, one function per subcommand, output.
- ``resident``: the resident reader that keeps a library open between one-shot commands
  (``server``) and the client that hands it a command (``client``).
- ``engine``: what the app asks the engine, and the engine process that answers it.
- ``app``: the Textual app, its screens and widgets (the only place Textual is imported).

``status`` (commands, exit codes), ``startup`` (the collector paused while starting) and
``text`` (names and text for display) serve several of them and import none.
"""
