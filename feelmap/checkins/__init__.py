"""Feelmap checkins."""
