from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Long passphrases are welcome; this only stops absurd sizes that would slow hashing."""

    max_length = 1024

    def validate(self, password: str, user=None) -> None:  # noqa: ARG002
        if len(password) > self.max_length:
            raise ValidationError(
                f"Please keep your password under {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Up to {self.max_length} characters; a few words strung together work well."
