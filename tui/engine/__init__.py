"""The app's side of the engine, without Textual: the engine process and the thread that
feeds it (``process``), what the search screen asks it (``request``), and an article laid
out for reading (``reading``)."""
