"""Penomoran halaman daftar API: ``limit``/``offset`` dengan batas atas yang muat di basis data.

Offset tanpa batas (mis. 10²¹) melampaui bilangan bulat 64-bit SQLite/PostgreSQL dan menjadi galat
server; di sini ia ditolak sebagai isian yang tidak sah (422) sebelum kueri dibuat."""

from ninja import Field, Schema
from ninja.conf import settings
from ninja.pagination import LimitOffsetPagination

OFFSET_MAKS = 2**31 - 1


class Halaman(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.PAGINATION_PER_PAGE, ge=1, le=settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=OFFSET_MAKS)
