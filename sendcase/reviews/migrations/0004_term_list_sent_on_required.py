"""Every term list has its day sent (filled in by 0003), so the column is required from now on."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_term_list_sent_on"),
    ]

    operations = [
        migrations.AlterField(
            model_name="termlistsent",
            name="sent_on",
            field=models.DateField(verbose_name="date the school was told its list is ready"),
        ),
    ]
