from django.db import migrations, models

OLD_BODY_KK = "бағдарлама бойынша оқуды сәтті аяқтады"
NEW_BODY_KK = "бағдарламасы бойынша оқуды сәтті аяқтады"
CENTRE_RU = "Учебный центр Профсоюза"
CENTRE_KK = "Кәсіподақтың оқу орталығы"


def kazakh_certificates_in_kazakh(apps, schema_editor):
    """The default template's Kazakh text follows the course title now (Kazakh puts the verb
    last), and its signatory gets a Kazakh name."""
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateTemplate.objects.filter(body_kk=OLD_BODY_KK).update(body_kk=NEW_BODY_KK)
    CertificateTemplate.objects.filter(signatory_name_ru=CENTRE_RU, signatory_name_kk="").update(
        signatory_name_kk=CENTRE_KK
    )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_webinar_attendance")]

    operations = [
        migrations.RenameField("certificatetemplate", "signatory_name", "signatory_name_ru"),
        migrations.AlterField(
            model_name="certificatetemplate",
            name="signatory_name_ru",
            field=models.CharField(max_length=200, verbose_name="signatory's name in Russian"),
        ),
        migrations.AddField(
            model_name="certificatetemplate",
            name="signatory_name_kk",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="signatory's name in Kazakh",
                help_text="Leave empty to print the Russian name on Kazakh certificates too.",
            ),
        ),
        migrations.AlterField(
            model_name="certificatetemplate",
            name="body_kk",
            field=models.TextField(
                help_text="Printed after the course title, as Kazakh puts the verb last.",
                verbose_name="text in Kazakh",
            ),
        ),
        migrations.RunPython(kazakh_certificates_in_kazakh, migrations.RunPython.noop),
    ]
