from uuid import UUID

from ninja import Schema


class Me(Schema):
    id: UUID
    username: str
    display_name: str
    role: str


class Error(Schema):
    detail: str
