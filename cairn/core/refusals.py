"""Input a service will not save, said in the page's words.

A service that takes input without the page's form (the API's check-in, routine
marks and questionnaire answers) asks the same rules the form asks and raises
`Refused` with the words the page shows, nothing saved. The API answers it as
`field: words` (cairn/api/errors.py), so a script and a person are told the same.
"""


class Refused(Exception):
    """`field` is the part of the input that is wrong ("date", "answers[8]",
    "ratings[1].goal"), or "" for the input as a whole; `message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field, self.message = field, message
