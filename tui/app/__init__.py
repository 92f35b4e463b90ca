"""The Textual app: ``app`` (the App), ``screens/``, ``widgets/`` and the stylesheet
``app.tcss``. The only package that imports Textual."""
