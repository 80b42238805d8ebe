"""Page forms under the one validation convention: they render, the schema decides.

A page view validates posted values with `feelmap.lib.validation.validate(Schema, values)`; a
`SchemaErrorsForm` bound to the same POST renders the controls with what was typed, and
``show(errors)`` puts each of the schema's messages next to its control.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import ErrorDict


class SchemaErrorsForm(forms.Form):
    """A form that only renders and keeps what was posted; the problems come from a schema.

    Call ``show(errors)`` with `validate()`'s errors ({"field": [...], "labels.0.word": [...]});
    each is placed on its field (or ``field_for``'s choice), the rest above the form.
    """

    field_for: dict[str, str] = {}

    def full_clean(self) -> None:
        self._errors = ErrorDict()
        self.cleaned_data: dict[str, Any] = {}

    def show(self, errors: dict[str, list[str]]) -> None:
        self.full_clean()
        for path, messages in errors.items():
            name = path.split(".")[0]
            name = self.field_for.get(name, name)
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
