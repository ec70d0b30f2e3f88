"""Certif's single DynamoDB table: the base of every item kind it stores."""

from __future__ import annotations

from pixcore.dynamo import TableItem, bind


class CertifItem(TableItem):
    class Meta:
        table_name = "pixcert-certif-main"


def bind_tables(table_name: str) -> None:
    bind(CertifItem, table_name)
