"""Emotion vocabulary and body catalogue: packaged data plus pure-Python loaders."""
