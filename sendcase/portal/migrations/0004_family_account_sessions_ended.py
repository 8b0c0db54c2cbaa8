# Family accounts remember when the SEND team ended their sessions (switching the account off).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_responses_per_parent_and_to_proposed_amendments"),
    ]

    operations = [
        migrations.AddField(
            model_name="familyaccount",
            name="sessions_ended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
