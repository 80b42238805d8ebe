
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_two_step_and_guess_limits'),
        ('care', '0003_feedback_assignments_flags'),
    ]

    operations = [
        migrations.CreateModel(
            name='Activity',
            fields=[
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='care_activity', serialize=False, to=settings.AUTH_USER_MODEL)),
                ('checkins', models.DateTimeField(null=True)),
                ('journal', models.DateTimeField(null=True)),
                ('practices', models.DateTimeField(null=True)),
                ('questionnaires', models.DateTimeField(null=True)),
                ('saying', models.DateTimeField(null=True)),
                ('safety_plan', models.DateTimeField(null=True)),
                ('heartbeat', models.DateTimeField(null=True)),
                ('item9', models.DateTimeField(null=True)),
                ('journal_words', models.DateTimeField(null=True)),
                ('checkin_words', models.DateTimeField(null=True)),
                ('saying_words', models.DateTimeField(null=True)),
                ('phq9_first', models.FloatField(null=True)),
                ('phq9_last', models.FloatField(null=True)),
                ('phq9_at', models.DateTimeField(null=True)),
                ('gad7_first', models.FloatField(null=True)),
                ('gad7_last', models.FloatField(null=True)),
                ('gad7_at', models.DateTimeField(null=True)),
            ],
        ),
    ]
