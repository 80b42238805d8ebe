"""A journal entry's feeling words keep the family the vocabulary gave them when the entry was
saved. The vocabulary has since moved some words (jealous from anger to fear, guilty to a root
of shame, envious to anger, and tired, drained, exhausted, weary, listless and burnt out out of
numb into the body states), so this sets the stored family of every entry word from the current
vocabulary.

Words the vocabulary no longer knows are left as they are. A second run changes nothing.
Batched: one UPDATE per group of up to BATCH words that share their new family, so it costs a
handful of statements however many entries there are. The people whose words changed get a new
data version, so no insight cached before is read again. Plain ORM, so the same on SQLite and
PostgreSQL. Going back leaves the rows as they are: the old families cannot be known.
"""

from django.db import migrations
from django.db.models import F

BATCH = 500


def current_families(apps, schema_editor):
    from feelmap.lexicon.vocabulary import load_vocabulary

    entry_label = apps.get_model("journal", "EntryLabel")
    user = apps.get_model("accounts", "User")
    vocabulary = load_vocabulary()
    words = sorted(set(entry_label.objects.order_by().values_list("word", flat=True).distinct()))
    groups: dict[str, list[str]] = {}
    for word in words:
        found = vocabulary.by_word(word)
        if found is not None:
            groups.setdefault(found.family, []).append(word)
    owners: set[int] = set()
    for family, group in sorted(groups.items()):
        for start in range(0, len(group), BATCH):
            stale = entry_label.objects.filter(word__in=group[start : start + BATCH]).exclude(
                family=family
            )
            owners.update(stale.order_by().values_list("entry__owner_id", flat=True).distinct())
            stale.update(family=family)
    changed = sorted(owners)
    for start in range(0, len(changed), BATCH):
        user.objects.filter(pk__in=changed[start : start + BATCH]).update(
            data_version=F("data_version") + 1
        )


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_moments_in_range"),
        ("accounts", "0005_user_data_version"),
    ]

    operations = [
        migrations.RunPython(current_families, migrations.RunPython.noop, elidable=True),
    ]
