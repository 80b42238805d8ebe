from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from .models import User


class LoginForm(AuthenticationForm):
    # One message for every failure, so the page never tells whether a username exists.
    error_messages = {
        "invalid_login": "That username and password don't match. Please check them and try again.",
        "inactive": "That username and password don't match. Please check them and try again.",
    }


# In clinic mode accounts are many and not everyone's to know: a failed sign-up does not say
# that the username belongs to someone. Locally (one household computer) the plain words help.
CLINIC_SIGNUP_FAILED = (
    "That sign-up could not be completed. Please try again with another username. If it "
    "still doesn't work, ask the person who invited you: your invitation link stays usable."
)


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=40,
        help_text="Any name you like. It stays on this computer; no e-mail is needed.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    display_name = forms.CharField(
        max_length=80,
        required=False,
        label="What should Feelmap call you? (optional)",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text="At least 8 characters. A few words strung together work well.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if not username:
            raise forms.ValidationError("Please choose a username.")
        if not all(ch.isalnum() or ch in "._-@+" for ch in username):
            raise forms.ValidationError(
                "Please use letters, numbers and . _ - @ + only (no spaces)."
            )
        if User.objects.filter(username__iexact=username).exists():
            if settings.FEELMAP_MODE == "clinic":
                self.add_error(None, CLINIC_SIGNUP_FAILED)
                return username
            raise forms.ValidationError("That username is taken. Please choose another.")
        return username

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords are different. Please type them again.")
        elif p1:
            candidate = User(username=cleaned.get("username", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

    def save(self, role: str = User.Role.PERSON) -> User:
        data = self.cleaned_data
        return User.objects.create_user(
            username=data["username"],
            password=data["password1"],
            display_name=data.get("display_name", ""),
            role=role,
        )
