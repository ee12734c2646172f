"""Writing a group's members out as CSV and vCard files."""

from __future__ import annotations

from pont.core.exporters.csv_file import HEADERS as CSV_HEADERS
from pont.core.exporters.csv_file import export_csv
from pont.core.exporters.exportable import ExportableMember
from pont.core.exporters.vcard import export_vcard

__all__ = ["CSV_HEADERS", "ExportableMember", "export_csv", "export_vcard"]
