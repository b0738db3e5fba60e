"""Interop: Cairn's records in other people's tools, and a record's end.

- calendar.py: the private iCalendar feeds (a client's, a therapist's diary);
- record.py, fhir.py, export.py: a client's record as JSON, an HL7 FHIR R4 Bundle,
  and the whole of it as one ZIP ("Download everything");
- report.py, report_render.py, pdf.py: the progress report, as a page and a PDF;
- services.py, tasks.py: asking for a download, the worker preparing it, handing
  it over once;
- deletion.py: a client deleting their own space, closing their account
  (`account_close`: what happens then), and the practice's retention period
  (RetentionPolicy) after which the worker removes the record.
"""
