import datetime

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0002_repair_response_times"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='assessmentresponse',
            constraint=models.CheckConstraint(condition=models.Q(('started_at__gte', datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)), models.Q(('completed_at__isnull', True), ('completed_at__gte', datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)), _connector='OR')), name='response_times_from_2000'),
        ),
    ]
