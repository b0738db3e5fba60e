"""Journal: the client's private entries in Markdown, with mood, tags and linked
goals, shared with their therapist entry by entry, with earlier versions kept and
deletion that can be undone.
"""
