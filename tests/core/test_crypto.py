import pytest
from cryptography.fernet import Fernet
from django.db import connection

from feelmap.lib import crypto


def test_it_round_trips_text_through_encryption():
    token = crypto.encrypt("my chest felt tight all afternoon 😟")
    assert token.startswith(crypto.PREFIX)
    assert "chest" not in token
    assert crypto.decrypt(token) == "my chest felt tight all afternoon 😟"


def test_it_detects_tampering():
    token = crypto.encrypt("private words")
    body = token[len(crypto.PREFIX):]
    flipped = body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(crypto.PREFIX + flipped)


def test_it_reads_old_rows_after_a_key_rotation(settings):
    old_token = crypto.encrypt("written under the old key")
    new_key = Fernet.generate_key().decode()
    settings.FEELMAP_ENCRYPTION_KEYS = [new_key, *settings.FEELMAP_ENCRYPTION_KEYS]
    assert crypto.decrypt(old_token) == "written under the old key"
    rotated = crypto.rotate(old_token)
    settings.FEELMAP_ENCRYPTION_KEYS = [new_key]
    assert crypto.decrypt(rotated) == "written under the old key"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old_token)


@pytest.mark.django_db(transaction=True)
def test_it_keeps_no_plaintext_in_the_raw_database():
    from django.db import models

    class Diary(models.Model):
        text = crypto.EncryptedTextField(blank=True)

        class Meta:
            app_label = "core"

    with connection.schema_editor() as editor:
        editor.create_model(Diary)
    try:
        Diary.objects.create(text="the lump in my throat came back")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT text FROM {Diary._meta.db_table}")
            raw = cursor.fetchone()[0]
        assert "lump" not in raw
        assert Diary.objects.get().text == "the lump in my throat came back"
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Diary)
