"""Validated questionnaires (PAQ, MAIA-2, PHQ-9, GAD-7, WHO-5) as data, and their scoring.

`instruments` loads and checks the questionnaire files in `instruments/*.json`; `scoring` turns
answers into scores, bands, reliable change and the safety flag. Both are plain Python with no
Django imports, so they can be used and tested anywhere.
"""
