"""Interop: Cairn's records in other people's tools. For now, the private
iCalendar feed for a phone's calendar."""
