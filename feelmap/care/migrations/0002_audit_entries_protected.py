"""Audit entries can be added, never changed or deleted: a trigger on SQLite and PostgreSQL
refuses UPDATE and DELETE of care_auditentry, except during an account deletion (rows about an
account named in care_auditerasure may be deleted; in rows it made, only `actor_id` may be set
to NULL). See feelmap/care/erasure.py."""

from django.db import migrations, models

MESSAGE = "care audit entries are never changed or deleted"
SAME_EXCEPT_ACTOR = ("id", "person_id", "actor_name", "actor_role", "action", "kind", "detail",
                     "at")
ERASING = "EXISTS (SELECT 1 FROM care_auditerasure e WHERE e.user_id IN (0, {col}))"

SQLITE = [
    f"""CREATE TRIGGER care_audit_no_delete BEFORE DELETE ON care_auditentry
    WHEN NOT {ERASING.format(col='OLD.person_id')}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER care_audit_no_update BEFORE UPDATE ON care_auditentry
    WHEN NOT (NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
              AND {ERASING.format(col='OLD.actor_id')}
              AND {' AND '.join(f'NEW.{c} IS OLD.{c}' for c in SAME_EXCEPT_ACTOR)})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS care_audit_no_delete",
               "DROP TRIGGER IF EXISTS care_audit_no_update"]

_NEW = ", ".join(f"NEW.{c}" for c in SAME_EXCEPT_ACTOR)
_OLD = ", ".join(f"OLD.{c}" for c in SAME_EXCEPT_ACTOR)
POSTGRES = [
    f"""CREATE FUNCTION care_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND {ERASING.format(col='OLD.person_id')} THEN
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
           AND {ERASING.format(col='OLD.actor_id')}
           AND ROW({_NEW}) IS NOT DISTINCT FROM ROW({_OLD}) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END
    $$""",
    """CREATE TRIGGER care_audit_guard BEFORE UPDATE OR DELETE ON care_auditentry
    FOR EACH ROW EXECUTE FUNCTION care_audit_guard()""",
]
POSTGRES_UNDO = ["DROP TRIGGER IF EXISTS care_audit_guard ON care_auditentry",
                 "DROP FUNCTION IF EXISTS care_audit_guard()"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditErasure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("user_id", models.BigIntegerField(db_index=True)),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        ),
    ]
