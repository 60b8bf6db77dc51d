"""Time-expression grammar (lexicon and patterns) and TIMEX3 value arithmetic for
:mod:`marsad.analyze.times`."""
