"""The care app's pages, a module each by what a person is doing:

- practice: the practice's details, and the admin's edit of them.
- people: the admin's list of the practice's people, a client's reference, failed mail.
- invitations: inviting someone to the practice, sending again, withdrawing, accepting.
- care_team: starting and ending care, a co-therapist, passing the lead on, past clients.
- audit_log: the practice's audit log and its export; a client's "who opened my record"."""
