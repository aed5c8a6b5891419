from django.db import migrations


def create(apps, schema_editor):
    from early_help.shared.safeguarding import DEFAULT_URGENT_PHRASES

    UrgentPhrase = apps.get_model("early_help", "UrgentPhrase")
    for phrase in DEFAULT_URGENT_PHRASES:
        UrgentPhrase.objects.get_or_create(phrase=phrase)


class Migration(migrations.Migration):
    dependencies = [("early_help", "0006_feedback_outboxmessage_feedback_feedbacklink_and_more")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
