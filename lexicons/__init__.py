"""The lexicons as package data, so an installed wheel carries them beside the code
(extractors/lexicon.py finds them through this package, in a checkout or installed)."""
