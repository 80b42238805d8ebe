"""Words keep the family the vocabulary gave them when a check-in was saved. The vocabulary has
since moved some words (jealous from anger to fear, guilty to a root of shame with remorseful
and regretful under it, envious to anger, and tired, drained, exhausted, weary, listless and
burnt out out of numb into the body states), so this sets the stored family and level of every
vocabulary word on a check-in from the current vocabulary.

Own words (no family) and words the vocabulary no longer knows are left as they are. A second
run changes nothing. Batched: one UPDATE per group of up to BATCH words that share their new
family and level, so it costs a handful of statements however many check-ins there are. The
people whose words changed get a new data version, so no insight cached before is read again.
Plain ORM, so the same on SQLite and PostgreSQL. Going back leaves the rows as they are: the
old families cannot be known and the current ones are right for either direction.
"""

from django.db import migrations
from django.db.models import F

BATCH = 500


def current_families(apps, schema_editor):
    from feelmap.lexicon.vocabulary import load_vocabulary

    label = apps.get_model("checkins", "Label")
    user = apps.get_model("accounts", "User")
    vocabulary = load_vocabulary()
    stored = label.objects.filter(is_own=False).exclude(word="")
    words = sorted(set(stored.order_by().values_list("word", flat=True).distinct()))
    groups: dict[tuple[str, int], list[str]] = {}
    for word in words:
        found = vocabulary.by_word(word)
        if found is not None:
            groups.setdefault((found.family, found.level), []).append(word)
    owners: set[int] = set()
    for (family, level), group in sorted(groups.items()):
        for start in range(0, len(group), BATCH):
            stale = stored.filter(word__in=group[start : start + BATCH]).exclude(
                family=family, level=level
            )
            owners.update(stale.order_by().values_list("checkin__owner_id", flat=True).distinct())
            stale.update(family=family, level=level)
    changed = sorted(owners)
    for start in range(0, len(changed), BATCH):
        user.objects.filter(pk__in=changed[start : start + BATCH]).update(
            data_version=F("data_version") + 1
        )


class Migration(migrations.Migration):
    dependencies = [
        ("checkins", "0004_contrast_answer"),
        ("accounts", "0005_user_data_version"),
    ]

    operations = [
        migrations.RunPython(current_families, migrations.RunPython.noop, elidable=True),
    ]
