"""Chain the audit trail by hash: each event gets a sequence number, the previous event's hash and its own.

Events already stored (demo databases; production had none) are chained in id order, the order
they were written in.
"""

from django.db import migrations, models

from sendcase.audit import chain

BATCH = 1000


def chain_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    db = schema_editor.connection.alias
    stored = [name for name in chain.CHAINED_FIELDS if name not in ("sequence", "previous_hash")]
    sequence, previous_hash, after_id = 0, chain.GENESIS_HASH, 0
    while True:
        # Keyset batches rather than one open cursor: we write to the table between reads.
        rows = list(AuditEvent.objects.using(db).filter(id__gt=after_id).order_by("id").values("id", *stored)[:BATCH])
        if not rows:
            return
        chained = []
        for row in rows:
            sequence += 1
            link = {"sequence": sequence, "previous_hash": previous_hash}
            previous_hash = chain.event_hash(row | link)
            chained.append(AuditEvent(id=row["id"], event_hash=previous_hash, **link))
        AuditEvent.objects.using(db).bulk_update(chained, ["sequence", "previous_hash", "event_hash"])
        after_id = rows[-1]["id"]


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, editable=False),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="event_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.BigIntegerField(editable=False, unique=True),
        ),
    ]
