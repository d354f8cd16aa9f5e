from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "sakip.organisations"
    label = "organisations"
    verbose_name = "Organisasi (Pemda dan Perangkat Daerah)"
