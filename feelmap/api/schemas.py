from uuid import UUID

from ninja import Schema

from feelmap.lib.schemas import Error, ValidationErrorOut

__all__ = ["Error", "Me", "ValidationErrorOut"]


class Me(Schema):
    id: UUID
    username: str
    display_name: str
    role: str
