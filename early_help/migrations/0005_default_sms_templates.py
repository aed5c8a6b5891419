from django.db import migrations


def create(apps, schema_editor):
    from early_help.texts.defaults import sms_templates_ensure

    sms_templates_ensure(apps.get_model("early_help", "SmsTemplate"), apps.get_model("wagtailcore", "Locale"))


class Migration(migrations.Migration):
    dependencies = [("early_help", "0004_text_messages"), ("wagtailcore", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
