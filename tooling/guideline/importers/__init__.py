"""Turning what contributors send (an issue form, a Word file) into corpus files.

Both importers end the same way: a file written from the `guideline new` template,
then the validation findings for that file as the answer.
"""

from __future__ import annotations


