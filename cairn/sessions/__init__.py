"""Sessions: the therapist's session log, their private notes (encrypted, for the
author alone), the shared summary and homework, the client's agenda, and the
preparation page that gathers everything since the last session.
"""
