"""Reading people from CSV files, vCard files and pasted text, for importing.import_contacts;
files.load_contacts_file reads any of them.
"""
