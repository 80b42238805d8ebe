"""Safety layer: pure functions and reviewed data, no Django imports.

- ``detector``: spots self-harm and suicide language in free text so the app can offer help.
- ``resources``: reviewed crisis resources per locale (with a test against an independent
  reviewed list of helpline numbers).
- ``plan``: the sections of a personal safety plan and a validator for the person's answers.

Nobody monitors a local install: these tools only decide when to *show* help, they never
alert anyone.
"""
