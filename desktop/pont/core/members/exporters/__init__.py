"""Writing a group's members out as CSV and vCard files."""
