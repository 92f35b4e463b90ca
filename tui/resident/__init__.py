"""The resident reader: a process that keeps one library open and answers the read-only
commands (``server``), and the client a one-shot ``broadsheet`` uses to reach it
(``client``, which imports neither argparse nor the engine)."""
