"""A move between post-16 institutions at another time of year (reg 18(2)) becomes its own kind.

Before, such a move was recorded as "secondary school to post-16" with a date of the move, and
often no year, so the phase transfer tracker (which lists a year's moves) never showed it. Each
review with a date of a move is now of the new kind, in the year of the move.
"""

from django.db import migrations, models


def post16_moves_forward(apps, schema_editor):
    AnnualReview = apps.get_model("reviews", "AnnualReview")
    for review in AnnualReview.objects.filter(post16_transfer_on__isnull=False).only("id", "post16_transfer_on"):
        AnnualReview.objects.filter(pk=review.pk).update(
            is_phase_transfer=True,
            transfer_kind="post16_to_post16",
            transfer_year=review.post16_transfer_on.year,
        )


def post16_moves_back(apps, schema_editor):
    AnnualReview = apps.get_model("reviews", "AnnualReview")
    AnnualReview.objects.filter(transfer_kind="post16_to_post16").update(transfer_kind="secondary_to_post16")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_annual_reviews"),
    ]

    operations = [
        migrations.AlterField(
            model_name="annualreview",
            name="transfer_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("early_years_to_school", "Early years to school"),
                    ("infant_to_junior", "Infant to junior school"),
                    ("first_to_middle", "First to middle school"),
                    ("primary_to_secondary", "Primary to secondary school"),
                    ("middle_to_secondary", "Middle to secondary school"),
                    ("secondary_to_post16", "Secondary school to post-16"),
                    ("post16_to_post16", "Between post-16 institutions at another time of year"),
                ],
                max_length=24,
            ),
        ),
        migrations.RunPython(post16_moves_forward, post16_moves_back),
    ]
