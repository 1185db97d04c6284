"""The site is the Union Academy, not "Oqu": its Site row and its home page's title. The
admin shows the name in the reader's language (templates/wagtailadmin/, HomePage)."""

from django.db import migrations

OLD, NEW = "Oqu", "Union Academy"


def rename(old, new):
    def run(apps, schema_editor):
        apps.get_model("wagtailcore.Site").objects.filter(site_name=old).update(site_name=new)
        HomePage = apps.get_model("content.HomePage")
        Revision = apps.get_model("wagtailcore.Revision")
        for home in HomePage.objects.filter(title=old):
            home.title = home.draft_title = new
            home.save(update_fields=["title", "draft_title"])
            revisions = Revision.objects.filter(
                base_content_type__app_label="wagtailcore", base_content_type__model="page",
                object_id=str(home.pk), content__title=old,
            )
            for revision in revisions:
                revision.content.update(title=new, draft_title=new)
                revision.object_str = new
                revision.save(update_fields=["content", "object_str"])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_library_and_webinars"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD))]
