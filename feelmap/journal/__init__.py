"""Journal: expressive writing with a prompt library (content and pure helpers in prompts.py)."""
