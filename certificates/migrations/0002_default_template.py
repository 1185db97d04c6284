from django.db import migrations


def create_default(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    if CertificateTemplate.objects.filter(is_default=True).exists():
        return
    CertificateTemplate.objects.create(
        name="Default",
        is_default=True,
        title_ru="СЕРТИФИКАТ",
        title_kk="СЕРТИФИКАТ",
        body_ru="успешно завершил(а) обучение по программе",
        body_kk="бағдарлама бойынша оқуды сәтті аяқтады",
        signatory_name="Учебный центр Профсоюза",
        signatory_title_ru="Казахстанский отраслевой профсоюз работников образования и науки",
        signatory_title_kk="Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы",
    )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
