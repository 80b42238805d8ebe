"""Feelmap: sense, name, say, share."""

__version__ = "0.1.0"
