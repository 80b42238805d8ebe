"""The database refuses moments outside 2000 to 2100 (rows were repaired just before)."""

import datetime
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('checkins', '0002_checkin_list_index'),
        ('practices', '0003_repair_moments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='practicesession',
            constraint=models.CheckConstraint(condition=models.Q(('started_at__gte', datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)), ('started_at__lt', datetime.datetime(2100, 1, 1, 0, 0, tzinfo=datetime.timezone.utc))), name='practice_started_at_in_range'),
        ),
        migrations.AddConstraint(
            model_name='practicesession',
            constraint=models.CheckConstraint(condition=models.Q(('ended_at__isnull', True), models.Q(('ended_at__gte', datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)), ('ended_at__lt', datetime.datetime(2100, 1, 1, 0, 0, tzinfo=datetime.timezone.utc))), _connector='OR'), name='practice_ended_at_in_range'),
        ),
        migrations.AddConstraint(
            model_name='practicesession',
            constraint=models.CheckConstraint(condition=models.Q(('completed_at__isnull', True), models.Q(('completed_at__gte', datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)), ('completed_at__lt', datetime.datetime(2100, 1, 1, 0, 0, tzinfo=datetime.timezone.utc))), _connector='OR'), name='practice_completed_at_in_range'),
        ),
    ]
