"""The day each school's term list was sent, so a list sent after its due date shows as late.

`sent_at` is the server's clock; `sent_on` is SENDcase's today (Europe/London, or SENDCASE_TODAY),
which every other date in SENDcase is compared with. Lists already sent take their day from
`sent_at`, in Europe/London. 0004 then makes the column required: on PostgreSQL a table whose rows
were just updated cannot be altered in the same transaction.
"""

import zoneinfo

from django.db import migrations, models

LONDON = zoneinfo.ZoneInfo("Europe/London")


def sent_on_from_sent_at(apps, schema_editor):
    TermListSent = apps.get_model("reviews", "TermListSent")
    for sent in TermListSent.objects.all().only("id", "sent_at"):
        TermListSent.objects.filter(pk=sent.pk).update(sent_on=sent.sent_at.astimezone(LONDON).date())


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_post16_moves"),
    ]

    operations = [
        migrations.AddField(
            model_name="termlistsent",
            name="sent_on",
            field=models.DateField(null=True, verbose_name="date the school was told its list is ready"),
        ),
        migrations.RunPython(sent_on_from_sent_at, migrations.RunPython.noop),
    ]
